import { useRef, useState } from 'react';
import { t } from '../../i18n';

/**
 * A password typed to confirm who is at the desk (unlocking, re-entering it for an approval): an empty field is
 * refused at the field; `check` throwing shows its message there, empties the field and puts the cursor back.
 */
export function usePasswordEntry(check: (password: string) => Promise<void>) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    if (password === '') {
      setError(t.auth.password.required);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await check(password);
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t.errors.generic);
      setPassword('');
      inputRef.current?.focus();
    } finally {
      setPending(false);
    }
  };

  const reset = () => {
    setPassword('');
    setError(null);
  };

  return { password, setPassword, error, pending, inputRef, submit, reset };
}

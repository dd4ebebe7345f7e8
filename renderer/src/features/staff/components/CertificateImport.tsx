import { useState } from 'react';
import { Button, FileInput, Grid, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconKey } from '@tabler/icons-react';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { bytesToBase64 } from '../../../lib/pdf';

const c = t.signing.certificate;
/** The host's cap (ImportCertificateInputSchema). */
const MAX_P12_BYTES = 1024 * 1024;

/**
 * 导入证书 (administrators): a .p12 / .pfx file and its password. The host names the field at fault (a wrong password
 * at the password, a broken or unusable file at the file); `onImported` refreshes whatever shows the certificate.
 */
export function CertificateImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ file?: string; password?: string }>({});
  const [pending, setPending] = useState(false);

  const submit = async () => {
    if (!file) return setErrors({ file: c.fileRequired });
    if (file.size > MAX_P12_BYTES) return setErrors({ file: c.fileTooLarge });
    setPending(true);
    setErrors({});
    try {
      const p12Base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await call('settings:import-certificate', { p12Base64, password });
      onImported();
      notifySuccess(c.imported);
      setFile(null);
      setPassword('');
    } catch (error) {
      if (isApiCallError(error) && error.issues.length > 0) {
        const next: { file?: string; password?: string } = {};
        for (const issue of error.issues) next[issue.path[0] === 'password' ? 'password' : 'file'] = issue.message;
        setErrors(next);
      } else {
        notifyError(error);
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      aria-label={c.importTitle}
    >
      <Stack gap="xs">
        <Title order={4} fz="sm">
          {c.importTitle}
        </Title>
        <Text fz="xs" c="dimmed">
          {c.importHint}
        </Text>
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <FileInput
              label={c.file}
              placeholder={c.filePlaceholder}
              accept=".p12,.pfx,application/x-pkcs12"
              leftSection={<IconFileImport size={16} />}
              clearable
              value={file}
              onChange={(f) => {
                setFile(f);
                setErrors((e) => ({ ...e, file: undefined }));
              }}
              error={errors.file}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <PasswordInput
              label={c.password}
              leftSection={<IconKey size={16} />}
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                setErrors((x) => ({ ...x, password: undefined }));
              }}
              error={errors.password}
              autoComplete="off"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Button type="submit" loading={pending} mt={{ base: 0, md: 25 }} fullWidth>
              {c.submit}
            </Button>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangleFilled, IconCircleCheckFilled } from '@tabler/icons-react';
import { PRINTED_ROOT_MESSAGE, groupedRoot, normalisePrintedRoot } from '../../../../electron/shared/domain/checkpoint';
import type { CheckpointComparison } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { t } from '../../i18n';

const c = t.integrity.check;

type Errors = { number?: string; root?: string };

/** What the host answered, in words: one verdict, and why when it is not 一致. */
function Verdict({ result }: { result: CheckpointComparison }) {
  const problems: string[] = [];
  if (result.problem) problems.push(result.problem);
  if (result.signature === 'invalid') problems.push(c.badSignature);
  if (result.signature === 'unknown-certificate') problems.push(c.foreignSignature);
  if (result.consistent === false) problems.push(c.inconsistent);
  if (result.checkpoint && result.rootMatches && problems.length === 0) {
    return (
      <Alert color="teal" icon={<IconCircleCheckFilled size={20} />} title={c.match(result.number)} role="status">
        {c.matchDetail}
        {result.consistent === null ? <Text fz="sm">{c.incomplete}</Text> : null}
      </Alert>
    );
  }
  const title = !result.checkpoint ? c.notFound : !result.rootMatches ? c.mismatch(result.number) : problems[0]!;
  return (
    <Alert color="red" icon={<IconAlertTriangleFilled size={20} />} title={title} role="alert">
      <Stack gap={4}>
        {result.checkpoint && !result.rootMatches ? <Text fz="sm">{c.mismatchDetail(groupedRoot(result.checkpoint.root))}</Text> : null}
        {problems.filter((p) => p !== title).map((p) => (
          <Text key={p} fz="sm">
            {p}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * 核对纸质凭证: the number and the root as printed on the register's copy (spaces, full-width spaces and dashes
 * allowed); checked at the fields first with the shared rule, then by the host against the stored checkpoint.
 */
export function CompareForm() {
  const [number, setNumber] = useState('');
  const [root, setRoot] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckpointComparison | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    const digits = number.trim().replace(/^第\s*|\s*号$/g, '');
    if (!/^[1-9]\d{0,7}$/.test(digits)) next.number = c.numberInvalid;
    if (!normalisePrintedRoot(root)) next.root = PRINTED_ROOT_MESSAGE;
    setErrors(next);
    setResult(null);
    if (next.number || next.root) return;
    setBusy(true);
    try {
      setResult(await call('integrity:checkpoint-compare', { number: Number(digits), root }));
    } catch (error) {
      if (isApiCallError(error) && error.issues.length > 0) {
        const fromHost: Errors = {};
        for (const issue of error.issues) fromHost[issue.path[0] === 'number' ? 'number' : 'root'] = issue.message;
        setErrors(fromHost);
      } else setErrors({ root: error instanceof Error ? error.message : t.errors.generic });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="gray.0" component="form" onSubmit={(e: FormEvent) => void submit(e)} aria-label={c.title} noValidate>
      <Stack gap="sm">
        <Text fz="sm">{c.intro}</Text>
        <Group align="flex-start" wrap="nowrap">
          <TextInput label={c.number} placeholder={c.numberPlaceholder} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} w={140} inputMode="numeric" />
          <Textarea
            label={c.root}
            placeholder={c.rootPlaceholder}
            value={root}
            onChange={(e) => setRoot(e.currentTarget.value)}
            error={errors.root}
            autosize
            minRows={2}
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            spellCheck={false}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {c.submit}
          </Button>
        </Group>
        {result ? <Verdict result={result} /> : null}
      </Stack>
    </Paper>
  );
}

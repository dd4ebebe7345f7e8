import type { ReactNode } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangleFilled, IconCircleCheckFilled, IconExternalLink, IconHelpCircle, IconShieldExclamation } from '@tabler/icons-react';
import type { DocumentVerification } from '../../../../electron/shared/ipc/contract';
import { useRouter } from '../../app/router';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { VerifyReasons } from './VerifyReasons';
import classes from './Verify.module.css';

const v = t.signing.verify;
type Verdict = DocumentVerification['verdict'];
type Tone = 'good' | 'bad' | 'warn' | 'neutral';

const TONES: Record<Verdict, Tone> = { issued_intact: 'good', signed_but_changed: 'bad', signed_by_center_unregistered: 'warn', signed_by_other: 'warn', unknown: 'neutral' };
const COLORS: Record<Tone, string> = { good: 'teal.8', bad: 'red.8', warn: 'orange.9', neutral: 'gray.8' };
const ICONS: Record<Tone, ReactNode> = {
  good: <IconCircleCheckFilled size={34} color="var(--mantine-color-teal-6)" aria-hidden />,
  bad: <IconAlertTriangleFilled size={34} color="var(--mantine-color-red-7)" aria-hidden />,
  warn: <IconShieldExclamation size={34} color="var(--mantine-color-orange-7)" aria-hidden />,
  neutral: <IconHelpCircle size={34} color="var(--mantine-color-gray-6)" aria-hidden />,
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The signature's state, from its reason code: intact, changed, over part of the file, or its padding written to. */
function signatureWords(result: DocumentVerification): string {
  const codes = new Set(result.reasons.map((r) => r.code));
  if (result.signature?.intact) return v.signatureIntact;
  if (codes.has('signature_partial')) return v.signaturePartial;
  if (codes.has('padding_not_zero')) return v.signaturePadding;
  return v.signatureBroken;
}

/** Which of the center's certificates signed, from the signer's reason code (none can be named for a failed signature). */
function certificateWords(result: DocumentVerification): string {
  const codes = new Set(result.reasons.map((r) => r.code));
  if (!result.signature?.intact) return v.certUnknown;
  if (codes.has('signer_current_certificate')) return v.center;
  if (codes.has('signer_earlier_certificate')) return v.centerEarlier;
  return v.notCenter;
}

/**
 * The answer, said plainly: 本中心出具，未被修改 (with the case, the document, its version and when it was issued), 文件
 * 已被修改 in red, 本中心签章有效但不是登记在册的版本, 非本中心签章, or 无法确认; why (核验依据: the signature, its signer,
 * the registry, each from its reason code); then the SHA-256 and the signature's details.
 */
export function VerifyResult({ result, fileName }: { result: DocumentVerification; fileName: string }) {
  const { navigate } = useRouter();
  const tone = TONES[result.verdict];
  const { match, signature } = result;
  return (
    <Stack gap="md">
      <div className={classes.verdict} data-tone={tone} role="status" aria-live="polite" data-testid="verdict" data-verdict={result.verdict}>
        <Group gap="md" wrap="nowrap" align="flex-start">
          {ICONS[tone]}
          <Stack gap={6} miw={0} style={{ flex: 1 }}>
            <Text className={classes.verdictTitle} c={COLORS[tone]}>
              {v.verdicts[result.verdict]}
            </Text>
            <Text fz="sm">{v.explain[result.verdict]}</Text>
            <Text fz="xs" c="dimmed">
              {fileName}
            </Text>
          </Stack>
          {match ? (
            <Button variant="white" leftSection={<IconExternalLink size={16} />} onClick={() => navigate({ name: 'case', id: match.caseId })}>
              {v.openCase}
            </Button>
          ) : null}
        </Group>
        {match ? (
          <dl className={classes.facts} style={{ marginTop: 16 }}>
            <Fact label={v.caseNumber}>{match.caseNumber}</Fact>
            <Fact label={v.document}>《{match.title}》</Fact>
            <Fact label={v.version}>{v.versionN(match.version)}</Fact>
            <Fact label={v.createdAt}>{formatDateTime(match.createdAt)}</Fact>
          </dl>
        ) : null}
        <div style={{ marginTop: 16 }}>
          <VerifyReasons reasons={result.reasons} />
        </div>
      </div>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Title order={3} fz="md">
            {v.signature}
          </Title>
          <dl className={classes.facts}>
            <Fact label={v.sha256}>
              <span className={classes.hash} data-testid="verify-sha256">
                {result.sha256}
              </span>
            </Fact>
            {signature ? (
              <>
                <Fact label={v.signature}>
                  <Text span fz="sm" fw={600} c={signature.intact ? 'teal.8' : 'red.8'}>
                    {signatureWords(result)}
                  </Text>
                </Fact>
                <Fact label={v.coversWholeFile}>{signature.coversWholeFile ? v.coversWhole : v.coversPart}</Fact>
                <Fact label={v.byThisCenter}>{certificateWords(result)}</Fact>
                <Fact label={v.signer}>{signature.signerSubject ?? v.unknownValue}</Fact>
                <Fact label={v.signedAt}>{signature.signedAt ? formatDateTime(signature.signedAt) : v.unknownValue}</Fact>
              </>
            ) : (
              <Fact label={v.signature}>{v.noSignature}</Fact>
            )}
          </dl>
        </Stack>
      </Paper>
    </Stack>
  );
}

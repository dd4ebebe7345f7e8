import { Alert, Badge, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconCertificate, IconInfoCircle } from '@tabler/icons-react';
import type { CertificateInfo } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';
import { call } from '../../../api/client';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { shownInChinese } from '../../../api/query-client';
import { useSession } from '../../../app/session';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { fingerprintPrefix, groupedHex } from '../../../lib/fingerprint';
import { EarlierCertificates } from './EarlierCertificates';
import { CertificateImport } from './CertificateImport';

const c = t.signing.certificate;
const certificateQuery = queryOptions({ queryKey: ['settings', 'certificate'], queryFn: shownInChinese(() => call('settings:certificate')) });

/**
 * 签章证书: the certificate the center signs its PDFs with (subject, fingerprint, validity, generated here or
 * imported), and for administrators an import form for a .p12 file with its password; errors show at the field the
 * host names (a wrong password at the password, a broken file at the file).
 */
export function CertificateCard() {
  const { staff, info } = useSession();
  const cert = useQuery(certificateQuery);
  const queryClient = useQueryClient();
  const admin = allows('settings:import-certificate', staff.roles);
  return (
    <SectionCard title={c.title} hint={c.hint} id="certificate">
      {cert.error ? <Alert color="red">{cert.error.message}</Alert> : null}
      {cert.isPending ? <Loader size="sm" /> : <CertificateDetails cert={cert.data ?? null} today={info.today} />}
      {cert.data?.earlier?.length ? <EarlierCertificates certificates={cert.data.earlier} /> : null}
      {admin ? (
        <CertificateImport onImported={() => void queryClient.invalidateQueries({ queryKey: certificateQuery.queryKey })} />
      ) : (
        <Text fz="xs" c="dimmed">
          {c.adminOnly}
        </Text>
      )}
    </SectionCard>
  );
}

function CertificateDetails({ cert, today }: { cert: CertificateInfo | null; today: string }) {
  if (!cert) {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} title={c.none}>
        {c.noneHint}
      </Alert>
    );
  }
  const expired = cert.notAfter.slice(0, 10) < today;
  return (
    <Group gap="md" align="flex-start" wrap="nowrap" data-testid="certificate-details">
      <IconCertificate size={36} stroke={1.4} color="var(--mantine-color-navy-6)" aria-hidden />
      <dl style={{ display: 'grid', gridTemplateColumns: '120px minmax(0, 1fr)', gap: '6px 16px', margin: 0, flex: 1, alignItems: 'center' }}>
        <Text component="dt" fz="sm" c="dimmed">
          {c.subject}
        </Text>
        <Text component="dd" fz="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
          {cert.subject}
        </Text>
        <Text component="dt" fz="sm" c="dimmed">
          {c.fingerprint}
        </Text>
        <dd style={{ margin: 0 }}>
          <Tooltip label={groupedHex(cert.fingerprintSha256)} withinPortal multiline w={360}>
            <Text fz="sm" ff="monospace" w="fit-content">
              {fingerprintPrefix(cert.fingerprintSha256)}…
            </Text>
          </Tooltip>
        </dd>
        <Text component="dt" fz="sm" c="dimmed">
          {c.validity}
        </Text>
        <dd style={{ margin: 0 }}>
          <Group gap="xs">
            <Text fz="sm">{c.validityRange(cert.notBefore.slice(0, 10), cert.notAfter.slice(0, 10))}</Text>
            {expired ? (
              <Badge color="red" size="sm">
                {c.expired}
              </Badge>
            ) : null}
          </Group>
        </dd>
        <Text component="dt" fz="sm" c="dimmed">
          {c.source}
        </Text>
        <dd style={{ margin: 0 }}>
          <Badge variant="light" color={cert.source === 'imported' ? 'navy' : 'gray'}>
            {c.sources[cert.source]}
          </Badge>
        </dd>
        {cert.sealKey ? (
          <>
            <Text component="dt" fz="sm" c="dimmed">
              {c.sealKey}
            </Text>
            <dd style={{ margin: 0 }} data-testid="seal-key-holders">
              <Tooltip label={c.sealKeyHint} withinPortal multiline w={320}>
                <Text fz="sm" w="fit-content">
                  {cert.sealKey.holders.length ? c.sealKeyHolders(cert.sealKey.holders.join('、')) : c.sealKeyNone}
                  {cert.sealKey.recovery ? `；${c.sealKeyRecovery}` : ''}
                </Text>
              </Tooltip>
              {cert.sealKey.waiting.length ? (
                <Text fz="xs" c="orange.8">
                  {c.sealKeyWaiting(cert.sealKey.waiting.join('、'))}
                </Text>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </Group>
  );
}

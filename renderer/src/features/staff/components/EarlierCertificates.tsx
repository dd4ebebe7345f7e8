import { Stack, Table, Text, Tooltip } from '@mantine/core';
import type { EarlierCertificateInfo } from '../../../../../electron/shared/ipc/contract';
import { t } from '../../../i18n';
import { fingerprintPrefix, groupedHex } from '../../../lib/fingerprint';
import { formatDateTime } from '../../../lib/format';

const c = t.signing.certificate;

/**
 * 以前使用的签章证书: the certificates a renewal or an import replaced, newest first (subject, fingerprint prefix,
 * validity, when replaced), so that staff can tell what an older signed document was signed with.
 */
export function EarlierCertificates({ certificates }: { certificates: EarlierCertificateInfo[] }) {
  return (
    <Stack gap={4} data-testid="certificate-earlier">
      <Text fz="sm" fw={600}>
        {c.earlierTitle}
      </Text>
      <Text fz="xs" c="dimmed">
        {c.earlierHint}
      </Text>
      <Table fz="sm" verticalSpacing={4} aria-label={c.earlierTitle}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.subject}</Table.Th>
            <Table.Th>{c.fingerprint}</Table.Th>
            <Table.Th>{c.validity}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...certificates].reverse().map((e) => (
            <Table.Tr key={e.fingerprintSha256}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.subject}</Table.Td>
              <Table.Td>
                <Tooltip label={groupedHex(e.fingerprintSha256)} withinPortal multiline w={360}>
                  <Text span fz="sm" ff="monospace">
                    {fingerprintPrefix(e.fingerprintSha256)}…
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.validityRange(e.notBefore.slice(0, 10), e.notAfter.slice(0, 10))}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} c="dimmed">
                {c.replacedOn(formatDateTime(e.replacedAt).slice(0, 10))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

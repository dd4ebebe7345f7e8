import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Radio, Select, Stack, Table, Text } from '@mantine/core';
import type { CaseRecord } from '../../../../../electron/shared/domain';
import { PARTY_ROLES } from '../../../../../electron/shared/domain/codes';
import { maskIdNumber } from '../../../../../electron/shared/domain/masking';
import { call } from '../../../api/client';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { broughtFields, defaultTarget, previewRows } from '../bring-party';
import { useIntakeFormContext } from '../form-context';
import { partyTitles } from './PartiesSection';

const r = t.returning;

/**
 * 带入当事人信息 from one earlier case: the clerk picks the earlier party and the card to fill, sees what will be filled
 * (ID number and phone masked), and confirms. Only then are the full values fetched (intake:related-party, noted in
 * the earlier case's trail) and put into the card.
 */
export function BringPartyModal({ caseId, onClose }: { caseId: string | null; onClose: () => void }) {
  const form = useIntakeFormContext();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [partyId, setPartyId] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    setRecord(null);
    setFailed(null);
    if (!caseId) return;
    let live = true;
    call('cases:get', { id: caseId }).then(
      (view) => {
        if (!live) return;
        const first = view.record.parties[0]!;
        setRecord(view.record);
        setPartyId(first.id);
        setTarget(String(defaultTarget(form.getValues(), first)));
      },
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : ''),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId]);

  const values = form.getValues();
  const titles = partyTitles(values.parties.map((p) => p.role));
  const party = record?.parties.find((p) => p.id === partyId) ?? null;

  const choose = (id: string) => {
    setPartyId(id);
    const chosen = record?.parties.find((p) => p.id === id);
    if (chosen) setTarget(String(defaultTarget(form.getValues(), chosen)));
  };

  const confirm = async () => {
    if (!record || !party || target === null) return;
    setPending(true);
    try {
      const full = await call('intake:related-party', { caseId: record.id, partyId: party.id });
      const index = Number(target);
      for (const [key, value] of Object.entries(broughtFields(full))) form.setFieldValue(`parties.${index}.${key}`, value);
      form.clearFieldError(`parties.${index}`);
      notifySuccess(r.brought(full.name, titles[index]!));
      onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={caseId !== null} onClose={onClose} title={record ? r.bringTo(record.caseNumber) : r.confirmTitle} size="lg">
      {failed !== null ? <Alert color="red">{failed || t.common.loadFailed}</Alert> : null}
      {!record && failed === null ? <Loader size="sm" aria-label={r.loading} /> : null}
      {record && party ? (
        <Stack gap="md">
          <Radio.Group label={r.chooseParty} value={partyId} onChange={choose}>
            <Stack gap={6} mt={6}>
              {record.parties.map((p) => (
                <Radio
                  key={p.id}
                  value={p.id}
                  label={`${PARTY_ROLES[p.role]}　${p.name}${p.kind === 'person' && p.idNumber ? `（${maskIdNumber(p.idNumber)}）` : p.kind === 'organization' ? `（${p.usccCode}）` : ''}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Select label={r.chooseTarget} data={titles.map((title, i) => ({ value: String(i), label: `${title}${values.parties[i]!.name ? `（${values.parties[i]!.name}）` : ''}` }))} value={target} onChange={setTarget} allowDeselect={false} w={260} />
          <Text fz="sm">{r.confirmIntro(record.caseNumber)}</Text>
          <Table withTableBorder aria-label={r.confirmTitle} fz="sm">
            <Table.Tbody>
              {previewRows(party).map((row) => (
                <Table.Tr key={row.field}>
                  <Table.Th w={140}>{row.label}</Table.Th>
                  <Table.Td>{row.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text fz="xs" c="dimmed">
            {r.auditNote}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {r.cancel}
            </Button>
            <Button onClick={() => void confirm()} loading={pending}>
              {r.confirm}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

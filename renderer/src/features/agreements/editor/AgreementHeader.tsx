import { Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft, IconCircleCheck, IconDeviceFloppy, IconFileCertificate, IconSend, IconSignature, IconWritingSign } from '@tabler/icons-react';
import { AGREEMENT_STATUSES, type AgreementRecord, type ReviewConflict } from '../../../../../electron/shared/domain/agreement';
import { t } from '../../../i18n';
import type { SaveStatus } from '../../../lib/autosave';
import { SaveIndicator } from '../../../components/SaveIndicator';
import { STATUS_COLORS } from './status-colors';
import type { AgreementStep } from './useAgreementActions';
import classes from './AgreementEditor.module.css';

const A = t.agreements.actions;

export interface AgreementHeaderProps {
  agreement: Pick<AgreementRecord, 'kind' | 'status' | 'number' | 'signedDocumentId'>;
  caseNumber: string;
  caseTitle: string;
  /** The content may still be changed here (nobody signed yet, not effective). */
  editable: boolean;
  canReview: boolean;
  /** 四眼审核: why the signed-in person may not approve (she drafted it), or null. */
  reviewConflict?: ReviewConflict | null;
  errorCount: number;
  save: SaveStatus;
  busy: AgreementStep | null;
  onBack: () => void;
  onSave: () => void;
  onRetry: () => void;
  onSubmit: () => void;
  onApprove: () => void;
  onReturn: () => void;
  onRegister: () => void;
  onSign: () => void;
  onOpenSigned: () => void;
}

/** Why the next step is not possible yet, beside its button (a tooltip would not show on a disabled button). */
function BlockedNote({ text }: { text: string }) {
  return (
    <Text fz="xs" c="red.7" maw={220} ta="right" lh={1.3}>
      {text}
    </Text>
  );
}

/** Which agreement, where it stands, whether it is saved; the next step of the review flow. */
export function AgreementHeader(props: AgreementHeaderProps) {
  const { agreement, editable, canReview, errorCount, busy } = props;
  const oral = agreement.kind === 'oral';
  const blocked = errorCount > 0;
  const step = (() => {
    if (agreement.status === 'effective') {
      return agreement.signedDocumentId ? (
        <Button variant="default" leftSection={<IconFileCertificate size={16} />} onClick={props.onOpenSigned}>
          {A.openSigned[agreement.kind]}
        </Button>
      ) : null;
    }
    if (oral) {
      return (
        <>
          {blocked ? <BlockedNote text={A.registerBlocked(errorCount)} /> : null}
          <Button leftSection={<IconWritingSign size={16} />} disabled={blocked} loading={busy === 'register'} onClick={props.onRegister}>
            {A.register}
          </Button>
        </>
      );
    }
    if (agreement.status === 'draft' || agreement.status === 'returned') {
      return (
        <>
          {blocked ? <BlockedNote text={A.submitBlocked(errorCount)} /> : null}
          <Button leftSection={<IconSend size={16} />} disabled={blocked} loading={busy === 'submit'} onClick={props.onSubmit}>
            {A.submit}
          </Button>
        </>
      );
    }
    if (agreement.status === 'in_review') {
      return canReview ? (
        <>
          <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} loading={busy === 'return'} onClick={props.onReturn}>
            {A.return}
          </Button>
          {props.reviewConflict ? <BlockedNote text={A.approveFourEyes[props.reviewConflict]} /> : blocked ? <BlockedNote text={A.approveBlocked} /> : null}
          <Button color="teal" leftSection={<IconCircleCheck size={16} />} disabled={blocked || Boolean(props.reviewConflict)} loading={busy === 'approve'} onClick={props.onApprove}>
            {A.approve}
          </Button>
        </>
      ) : null;
    }
    return (
      <Button color="teal" size="md" leftSection={<IconSignature size={18} />} onClick={props.onSign} className={classes.signButton}>
        {A.sign}
      </Button>
    );
  })();

  return (
    <Paper withBorder className={classes.header} component="header">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack} px={4}>
            {t.agreements.backToCase}
          </Button>
          <Text className={classes.caseLine} truncate>
            {props.caseNumber} · {props.caseTitle}
          </Text>
        </Group>
        {editable ? (
          <Group gap="sm" wrap="nowrap">
            <SaveIndicator status={props.save} onRetry={props.onRetry} />
            <Button variant="default" size="compact-sm" leftSection={<IconDeviceFloppy size={14} />} onClick={props.onSave} disabled={props.save.state === 'conflict'}>
              {t.agreements.save.button}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="md" mt={6}>
        <Group gap="sm" wrap="nowrap" miw={0} align="center">
          <Title order={2} fz={22} style={{ whiteSpace: 'nowrap' }}>
            {t.agreements.title[agreement.kind]}
          </Title>
          <Badge color={STATUS_COLORS[agreement.status]} variant={agreement.status === 'approved' || agreement.status === 'effective' ? 'filled' : 'light'} size="lg" style={{ flex: 'none' }} data-testid="agreement-status">
            {AGREEMENT_STATUSES[agreement.status]}
          </Badge>
          <Text fz="sm" c="dimmed" truncate>
            {t.agreements.number(agreement.number)}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
          {step}
        </Group>
      </Group>
    </Paper>
  );
}

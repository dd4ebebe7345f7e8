import { type DragEvent, useRef, useState } from 'react';
import { Alert, Button, FileButton, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconFileSearch, IconUpload } from '@tabler/icons-react';
import type { DocumentVerification } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n';
import { bytesToBase64 } from '../../lib/pdf';
import { sizeText } from '../attachments/attachment-file';
import { PDF_ACCEPT, looksLikePdf, verifyFileProblem } from './verify-file';
import { VerifyResult } from './VerifyResult';
import { CheckpointsCard } from '../integrity/CheckpointsCard';
import classes from './Verify.module.css';

const v = t.signing.verify;

type State =
  | { status: 'idle' }
  | { status: 'checking'; name: string }
  | { status: 'done'; name: string; result: DocumentVerification }
  | { status: 'error'; name: string | null; message: string };

/**
 * 文书核验: drop or choose any PDF; the host says whether this center issued exactly these bytes (case, document,
 * version, when) and whether its digital signature is intact and the center's. Nothing leaves the workstation.
 * Below it, for those who keep the records, the 数据完整性凭证 (signed checkpoints of the case records) and their
 * paper check.
 */
export function VerifyPage() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [over, setOver] = useState(false);
  const request = useRef(0);
  const resetPicker = useRef<() => void>(null);

  const check = async (file: File | null) => {
    resetPicker.current?.();
    if (!file) return;
    const id = ++request.current;
    const name = v.file(file.name, sizeText(file.size));
    const problem = verifyFileProblem(file);
    if (problem) return setState({ status: 'error', name, message: problem });
    setState({ status: 'checking', name });
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return id === request.current ? setState({ status: 'error', name, message: v.readFailed }) : undefined;
    }
    if (!looksLikePdf(bytes)) return id === request.current ? setState({ status: 'error', name, message: v.notPdf }) : undefined;
    try {
      const result = await call('documents:verify', { pdfBase64: bytesToBase64(bytes) });
      if (id === request.current) setState({ status: 'done', name, result });
    } catch (error) {
      if (id === request.current) setState({ status: 'error', name, message: error instanceof Error ? error.message : t.errors.generic });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void check(event.dataTransfer.files[0] ?? null);
  };

  return (
    <>
      <PageHeader title={v.title} description={v.description} />
      <Stack gap="lg" maw={880}>
        <div
          className={classes.drop}
          data-over={over ? true : undefined}
          data-error={state.status === 'error' ? true : undefined}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setOver(true);
          }}
          onDragLeave={(e) => {
            // Moving over the zone's own children also fires dragleave: only leaving the zone counts.
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
          }}
          onDrop={onDrop}
          data-testid="verify-drop"
        >
          <Stack align="center" gap="sm">
            {state.status === 'checking' ? <Loader /> : <IconFileSearch size={44} stroke={1.4} color="var(--mantine-color-navy-6)" aria-hidden />}
            <Text fz="lg" fw={600}>
              {state.status === 'checking' ? v.checking : v.drop}
            </Text>
            {state.status === 'checking' ? (
              <Text fz="sm" c="dimmed">
                {state.name}
              </Text>
            ) : (
              <Group gap="xs">
                <Text fz="sm" c="dimmed">
                  {v.or}
                </Text>
                <FileButton onChange={(file) => void check(file)} accept={PDF_ACCEPT} resetRef={resetPicker} inputProps={{ 'aria-label': v.choose }}>
                  {(props) => (
                    <Button {...props} leftSection={<IconUpload size={16} />}>
                      {state.status === 'done' ? v.again : v.choose}
                    </Button>
                  )}
                </FileButton>
              </Group>
            )}
            <Text fz="xs" c="dimmed">
              {v.limit}
            </Text>
          </Stack>
        </div>
        {state.status === 'error' ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={state.message} role="alert">
            {state.name}
          </Alert>
        ) : null}
        {state.status === 'done' ? <VerifyResult result={state.result} fileName={state.name} /> : null}
        <CheckpointsCard />
      </Stack>
    </>
  );
}

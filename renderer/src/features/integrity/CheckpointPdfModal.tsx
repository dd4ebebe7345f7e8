import { useEffect, useState } from 'react';
import { Alert, Button, Center, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { call } from '../../api/client';
import { PdfViewer } from '../../components/PdfViewer';
import { t } from '../../i18n';
import { notifyError } from '../../lib/notify';
import { printPdf } from '../../lib/print-pdf';

const p = t.integrity.pdf;
const VIEW_HEIGHT = 'calc(94dvh - 150px)';

/** One checkpoint's printable page (integrity:checkpoint-pdf), shown with the app's PDF viewer and printed from it. */
export function CheckpointPdfModal({ number, onClose }: { number: number | null; onClose: () => void }) {
  const [pdf, setPdf] = useState<{ number: number; pdfBase64: string } | { number: number; error: string } | null>(null);

  useEffect(() => {
    if (number === null) return setPdf(null);
    let live = true;
    setPdf(null);
    call('integrity:checkpoint-pdf', { number }).then(
      (value) => live && setPdf(value),
      (error: unknown) => live && setPdf({ number, error: error instanceof Error ? error.message : t.errors.generic }),
    );
    return () => {
      live = false;
    };
  }, [number]);

  const title = number === null ? '' : p.title(number);
  const ready = pdf && 'pdfBase64' in pdf && pdf.number === number ? pdf : null;
  const print = () => {
    if (ready) printPdf(ready.pdfBase64, title).catch(notifyError);
  };
  return (
    <Modal opened={number !== null} onClose={onClose} size="min(980px, 94vw)" yOffset="3dvh" title={<Text fw={600}>{title}</Text>}>
      {pdf && 'error' in pdf ? (
        <Alert color="red">{pdf.error}</Alert>
      ) : ready ? (
        <PdfViewer
          key={ready.number}
          pdfBase64={ready.pdfBase64}
          label={title}
          height={VIEW_HEIGHT}
          actions={
            <Button size="compact-sm" leftSection={<IconPrinter size={16} />} onClick={print}>
              {p.print}
            </Button>
          }
        />
      ) : (
        <Center h={240}>
          <Stack align="center" gap="xs">
            <Loader />
            <Text c="dimmed" fz="sm">
              {p.loading}
            </Text>
          </Stack>
        </Center>
      )}
    </Modal>
  );
}

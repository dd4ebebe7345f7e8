import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { PdfViewer } from '../../../components/PdfViewer';
import { t } from '../../../i18n';
import type { PreviewRender } from './useAgreementPreview';
import classes from './AgreementEditor.module.css';

const V = t.agreements.preview;

/** Whether a viewer has finished: the pdf.js pages are drawn (no spinner left), or it shows why it cannot. */
function finished(layer: HTMLElement): boolean {
  return layer.querySelector('.mantine-Loader-root') === null;
}

const scrollerOf = (layer: HTMLElement | null) => layer?.querySelector<HTMLElement>('[role="region"]') ?? null;

/**
 * Double-buffered PDF preview: a new render is laid out in a hidden layer of the same size and only replaces the one
 * on screen once its pages are drawn, at the same scroll position; so the preview never blanks or jumps while the
 * advisor types.
 */
export function PreviewPane({ latest, label, error, rendering, onRetry }: { latest: PreviewRender | null; label: string; error: unknown; rendering: boolean; onRetry: () => void }) {
  const [shown, setShown] = useState<PreviewRender | null>(null);
  const incoming = latest && latest.id !== shown?.id ? latest : null;
  const shownLayer = useRef<HTMLDivElement | null>(null);
  const incomingLayer = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const layer = incomingLayer.current;
    if (!incoming || !layer) return;
    let done = false;
    const promote = () => {
      if (done) return;
      done = true;
      const from = scrollerOf(shownLayer.current);
      const to = scrollerOf(layer);
      if (from && to) to.scrollTop = from.scrollTop;
      setShown(incoming);
    };
    const check = () => {
      if (finished(layer)) promote();
    };
    const observer = new MutationObserver(check);
    observer.observe(layer, { childList: true, subtree: true });
    // The first pass: the viewer may already be done; and a viewer that never settles is shown anyway.
    const first = window.setTimeout(check, 50);
    const fallback = window.setTimeout(promote, 15_000);
    return () => {
      done = true;
      observer.disconnect();
      window.clearTimeout(first);
      window.clearTimeout(fallback);
    };
  }, [incoming]);

  const layers = [shown, incoming].filter((r): r is PreviewRender => r !== null);
  return (
    <div className={classes.preview}>
      <div className={classes.previewStack} aria-busy={rendering || incoming !== null}>
        {layers.length === 0 && !error ? (
          <Center h="100%">
            <Stack align="center" gap="xs">
              <Loader />
              <Text c="dimmed" fz="sm">
                {V.rendering}
              </Text>
            </Stack>
          </Center>
        ) : null}
        {layers.map((r) => {
          const isShown = r === shown;
          return (
            <div
              key={r.id}
              ref={isShown ? shownLayer : incomingLayer}
              className={classes.previewLayer}
              data-layer={isShown ? 'shown' : 'incoming'}
              aria-hidden={isShown ? undefined : true}
              data-testid={isShown ? 'agreement-preview' : undefined}
            >
              <PdfViewer pdfBase64={r.pdfBase64} label={label} height="100%" />
            </div>
          );
        })}
      </div>
      {rendering || incoming ? (
        <Group gap={6} className={classes.previewBusy} wrap="nowrap" role="status">
          <Loader size={12} />
          <Text fz="xs">{shown ? V.updating : V.rendering}</Text>
        </Group>
      ) : null}
      {error ? (
        <Alert className={classes.previewError} color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={V.failed} role="alert">
          <Stack gap={6} align="flex-start">
            <Text fz="sm">{error instanceof Error ? error.message : t.errors.generic}</Text>
            {shown ? (
              <Text fz="xs" c="dimmed">
                {V.stale}
              </Text>
            ) : null}
            <Button size="compact-xs" variant="default" leftSection={<IconRefresh size={12} />} onClick={onRetry}>
              {V.retry}
            </Button>
          </Stack>
        </Alert>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { Button, FileButton, Group, Input, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconPhotoOff, IconTrash, IconUpload } from '@tabler/icons-react';
import type { CenterImage, CenterImageKind } from '../../../../../electron/shared/domain/images';
import { isApiCallError } from '../../../api/errors';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { settingsQueries } from '../queries';
import { useSetImageMutation } from '../mutations';
import classes from './CenterImages.module.css';

/** Same limit as the host (electron/main/settings/png.ts); checked here too so a huge file is not even sent. */
const MAX_BYTES = 2 * 1024 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file's bytes as base64 (without the data: URL prefix). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const isPng = (base64: string) => {
  const head = atob(base64.slice(0, 12));
  return PNG_SIGNATURE.every((byte, i) => head.charCodeAt(i) === byte);
};

function ImageSetting({ kind, image, loaded, focused }: { kind: CenterImageKind; image: CenterImage | null; loaded: boolean; focused: boolean }) {
  const label = t.staff.images[kind];
  const titleId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const { setImage, pending } = useSetImageMutation();
  const resetFile = useRef<() => void>(null);
  const uploadButton = useRef<HTMLButtonElement>(null);
  const group = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focused) return;
    group.current?.scrollIntoView?.({ block: 'center' });
    uploadButton.current?.focus();
  }, [focused]);

  const save = async (pngBase64: string | null) => {
    try {
      await setImage(kind, pngBase64);
      setError(null);
    } catch (err) {
      // A refused image (an opaque seal, a broken file) is shown here, at the image; anything else was notified.
      if (isApiCallError(err) && err.issues.length > 0) setError(err.issues.find((i) => i.path.join('.') === 'pngBase64')?.message ?? err.message);
    }
  };

  const upload = async (file: File | null) => {
    // The same file may be picked again after a fix elsewhere: clear the input every time.
    resetFile.current?.();
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(t.staff.imageTooLarge);
    let base64: string;
    try {
      base64 = await readAsBase64(file);
    } catch {
      return setError(t.staff.imageReadFailed);
    }
    if (!isPng(base64)) return setError(t.staff.imageNotPng);
    setError(null);
    await save(base64);
  };

  return (
    <Paper withBorder p="md" radius="sm" className={classes.item} ref={group} role="group" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Text fw={600} fz="sm" id={titleId}>
          {label}
        </Text>
        <Group gap="md" align="flex-start" wrap="nowrap">
          {image ? (
            <div className={classes.checker} data-error={error ? true : undefined}>
              <img src={`data:image/png;base64,${image.pngBase64}`} alt={t.staff.imagePreview(label)} />
            </div>
          ) : (
            <div className={`${classes.checker} ${classes.empty}`} data-error={error ? true : undefined}>
              <Stack gap={4} align="center">
                <IconPhotoOff size={28} stroke={1.5} aria-hidden />
                <Text fz="xs" c="dimmed">
                  {loaded ? t.staff.imageNone : t.app.loading}
                </Text>
              </Stack>
            </div>
          )}
          <Stack gap={8} miw={0} style={{ flex: 1 }}>
            <Text fz="xs" c="dimmed">
              {t.staff.imageHints[kind]}
            </Text>
            {image ? (
              <Stack gap={2} data-testid={`${kind}-meta`}>
                <Text fz="xs">{t.staff.imageSize(image.width, image.height)}</Text>
                <Tooltip label={image.sha256} withinPortal>
                  <Text fz="xs" className={classes.hash} w="fit-content">
                    SHA-256 {image.sha256.slice(0, 12)}
                  </Text>
                </Tooltip>
                <Text fz="xs" c="dimmed">
                  {t.staff.imageUpdated(formatDateTime(image.updatedAt))}
                </Text>
              </Stack>
            ) : null}
            <Group gap="xs">
              <FileButton onChange={(file) => void upload(file)} accept="image/png" resetRef={resetFile} disabled={pending} inputProps={{ 'aria-label': t.staff.imageUpload(label), 'aria-describedby': error ? errorId : undefined }}>
                {(props) => (
                  <Button {...props} ref={uploadButton} size="xs" variant={image ? 'default' : 'filled'} leftSection={<IconUpload size={14} />} loading={pending}>
                    {image ? t.staff.imageReplace : t.staff.imageUploadButton}
                  </Button>
                )}
              </FileButton>
              {image ? (
                <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} disabled={pending} onClick={() => void save(null)} aria-label={t.staff.imageClearLabel(label)}>
                  {t.staff.imageClear}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Group>
        {error ? (
          <Input.Error id={errorId} role="alert">
            {error}
          </Input.Error>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** 印章与标志: the committee seal (stamped on documents, must be transparent) and the center's logo (in the header). */
export function CenterImages({ focus }: { focus?: CenterImageKind | undefined }) {
  const images = useQuery(settingsQueries.images());
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {(['seal', 'logo'] as const).map((kind) => (
        <ImageSetting key={kind} kind={kind} image={images.data?.[kind] ?? null} loaded={images.data !== undefined} focused={focus === kind} />
      ))}
    </SimpleGrid>
  );
}

import { Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconFingerprint, IconRubberStamp, IconWritingSign } from '@tabler/icons-react';
import type { Signature } from '../../../../../electron/shared/domain/agreement';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n';
import { agreementQueries } from './queries';
import classes from './Signing.module.css';

const PAPER_ICONS = { paper_signed: IconWritingSign, paper_fingerprint: IconFingerprint, paper_sealed: IconRubberStamp } as const;

/** A drawn signature's image (read back and checked against its hash), or a mark for one made on paper. */
export function SignatureThumb({ caseId, signature, label }: { caseId: string; signature: Signature; label: string }) {
  if (signature.method !== 'drawn') {
    const Icon = PAPER_ICONS[signature.method];
    return (
      <div className={classes.paperMark}>
        <Icon size={16} aria-hidden />
        {t.signing.sign.methods[signature.method]}
      </div>
    );
  }
  return <DrawnThumb caseId={caseId} signature={signature} label={label} />;
}

function DrawnThumb({ caseId, signature, label }: { caseId: string; signature: Signature; label: string }) {
  const image = useQuery(agreementQueries.signature(caseId, signature.signerId, signature.at));
  if (image.error) {
    return (
      <div className={classes.thumb}>
        <Text fz="xs" c="red">
          {image.error.message}
        </Text>
      </div>
    );
  }
  if (!image.data) {
    return (
      <div className={classes.thumb} aria-label={t.signing.signers.imageLoading}>
        <Loader size="xs" color="gray" />
      </div>
    );
  }
  const img = <img src={`data:image/png;base64,${image.data.pngBase64}`} alt={t.signing.signers.imageAlt(label)} />;
  return image.data.intact ? (
    <div className={classes.thumb}>{img}</div>
  ) : (
    <Tooltip label={t.signing.signers.imageTampered} withinPortal>
      <div className={classes.thumb} style={{ borderColor: 'var(--mantine-color-red-6)' }}>
        <IconAlertTriangleFilled size={14} color="var(--mantine-color-red-6)" aria-label={t.signing.signers.imageTampered} />
        {img}
      </div>
    </Tooltip>
  );
}

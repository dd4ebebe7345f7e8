import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { t } from '../../../i18n';
import { type ApiStrokes, croppedPng, dataUrlToBase64, strokesForApi } from './signature-capture';
import classes from './Signing.module.css';

export interface CapturedSignature {
  pngBase64: string;
  strokes: ApiStrokes;
}

/** What the signing panel does with the pad. */
export interface SignaturePadHandle {
  clear: () => void;
  /** The signature as the API takes it, or null when nothing was written. */
  capture: () => CapturedSignature | null;
}

export interface SignaturePadFieldProps {
  /** Who signs, for screen readers (申请人张建国). */
  label: string;
  /** Called after every stroke and on clear, with whether anything is written. */
  onInkChange: (hasInk: boolean) => void;
  /** The pad's handle (clear, capture). */
  handleRef: Ref<SignaturePadHandle>;
  /** Shown under the pad in red (e.g. "请先在签名板上签名") @default null */
  error?: string | null;
  /** id of the error text, for aria-describedby @default undefined */
  errorId?: string;
}

/**
 * A large signature pad (signature_pad: pen pressure, touch and mouse through pointer events, smooth variable-width
 * strokes). The canvas follows its box's size at the device pixel ratio, so strokes stay sharp; a resize redraws what
 * was written from the stroke data instead of losing it.
 */
export function SignaturePadField({ label, onInkChange, handleRef, error = null, errorId }: SignaturePadFieldProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onInk = useRef(onInkChange);
  useEffect(() => {
    onInk.current = onInkChange;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#101828', minWidth: 1.2, maxWidth: 3.4, velocityFilterWeight: 0.6 });
    padRef.current = pad;
    let size = '';
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const next = `${canvas.offsetWidth}x${canvas.offsetHeight}@${ratio}`;
      if (next === size || canvas.offsetWidth === 0) return;
      size = next;
      const data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (data.length > 0) pad.fromData(data);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    const ended = () => onInk.current(!pad.isEmpty());
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useImperativeHandle(handleRef, () => ({
    clear: () => {
      padRef.current?.clear();
      onInk.current(false);
    },
    capture: () => {
      const pad = padRef.current;
      const canvas = canvasRef.current;
      if (!pad || !canvas || pad.isEmpty()) return null;
      const strokes = strokesForApi(pad.toData());
      if (strokes.length === 0) return null;
      return { pngBase64: dataUrlToBase64(croppedPng(canvas)), strokes };
    },
  }));

  return (
    <div className={classes.pad} data-error={error ? true : undefined}>
      <canvas ref={canvasRef} className={classes.padCanvas} aria-label={t.signing.sign.padLabel(label)} aria-describedby={errorId} role="img" data-testid="signature-pad" />
      <div className={classes.padLine} aria-hidden>
        <span className={classes.padCross}>×</span>
      </div>
    </div>
  );
}

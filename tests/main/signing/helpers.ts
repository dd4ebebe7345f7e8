/** Helpers for the signing tests: external tools (openssl, pdfsig, qpdf), test certificates, a real agreement PDF. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { TEMPLATES } from '../../../templates';
import { twoPageAgreementInput } from '../../fixtures/documents';

export const hasTool = (name: string, arg = '-v'): boolean => spawnSync(name, [arg], { stdio: 'ignore' }).error === undefined;
export const OPENSSL = hasTool('openssl', 'version');
export const PDFSIG = hasTool('pdfsig');
export const QPDF = hasTool('qpdf', '--version');
export const skipped = (tool: string, present: boolean) => (present ? '' : ` — skipped: ${tool} is not installed`);

export function tempDir(prefix = 'signing-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface OpensslP12Options {
  subject: string;
  password: string;
  key?: 'rsa:2048' | 'rsa:1024' | 'ec';
  days?: number;
  /** extra arguments to `openssl pkcs12 -export`, e.g. ['-legacy'] or ['-keypbe', 'NONE', '-certpbe', 'NONE'] */
  exportArgs?: string[];
}

/** A self-signed PKCS#12 made with the openssl CLI (`openssl req -x509 …` then `openssl pkcs12 -export …`). */
export function opensslP12(opts: OpensslP12Options): Buffer {
  const dir = tempDir('openssl-');
  try {
    const key = opts.key ?? 'rsa:2048';
    const keyArgs = key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', key];
    const [k, c, p] = ['key.pem', 'cert.pem', 'out.p12'].map((f) => path.join(dir, f)) as [string, string, string];
    execFileSync('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', k, '-out', c, '-days', String(opts.days ?? 365), '-subj', opts.subject, '-utf8', '-sha256'], { stdio: 'pipe' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', k, '-in', c, '-out', p, '-passout', `pass:${opts.password}`, ...(opts.exportArgs ?? [])], { stdio: 'pipe' });
    return readFileSync(p);
  } finally {
    removeDir(dir);
  }
}

/** A PKCS#12 made with node-forge whose certificate was valid from `notBefore` to `notAfter` (e.g. long expired). */
export function forgeP12(opts: { notBefore: Date; notAfter: Date; password: string; cn?: string }): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01a2b3c4d5';
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  const subject = [{ shortName: 'CN', value: opts.cn ?? 'Expired Test Certificate' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], opts.password, { algorithm: '3des' })).getBytes(), 'binary');
}

function withTempFile<T>(bytes: Uint8Array, run: (file: string) => T): T {
  const dir = tempDir('signed-pdf-');
  const file = path.join(dir, 'doc.pdf');
  try {
    writeFileSync(file, bytes);
    return run(file);
  } finally {
    removeDir(dir);
  }
}

/** `pdfsig` output (stdout + stderr) and exit status; it exits non-zero for some failures. */
export function pdfsig(bytes: Uint8Array): { status: number; output: string } {
  return withTempFile(bytes, (file) => {
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
  });
}

/** The "  - Key: value" lines of pdfsig's report, for the test log. */
export const pdfsigLines = (output: string) =>
  output
    .split('\n')
    .filter((l) => /^\s+- /.test(l))
    .map((l) => l.trim());

export function qpdfCheck(bytes: Uint8Array): { status: number; output: string } {
  return withTempFile(bytes, (file) => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
  });
}

let agreement: Promise<Buffer> | null = null;

/** The 2-page 人民调解协议书 of the document fixtures, rendered once by the project's renderer (Chinese text). */
export function agreementPdf(): Promise<Buffer> {
  agreement ??= renderPdf(TEMPLATES.agreement, buildDocumentData(twoPageAgreementInput()), { createdAt: new Date('2026-05-08T04:20:00.000Z') });
  return agreement;
}

/** A copy with one byte changed at `at`. */
export function withByte(bytes: Uint8Array, at: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = value;
  return copy;
}

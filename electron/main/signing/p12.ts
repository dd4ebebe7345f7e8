/**
 * Reading a PKCS#12 file the way @signpdf's P12Signer reads it (node-forge, the first password-protected key bag, the
 * certificate whose public key matches), so that a file accepted here is one P12Signer can sign with. Every reason to
 * refuse a file is a CertificateError with a message for the user.
 */
import forge from 'node-forge';
import { CertificateError } from './errors';
import { certificateDer, distinguishedName, sha256Hex } from './x509';

export interface P12Contents {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  fingerprintSha256: string;
  subject: string;
  notBefore: string;
  notAfter: string;
}

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const MIN_RSA_BITS = 2048;

const day = (d: Date) => d.toISOString().slice(0, 10);

function parsePfx(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  let der: forge.asn1.Asn1;
  try {
    der = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  } catch {
    throw new CertificateError('NOT_PKCS12', '文件不是有效的PKCS#12证书（.p12/.pfx）');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(der, false, password);
  } catch (error) {
    // forge: "PKCS#12 MAC could not be verified. Invalid password?", "Unable to decrypt …, wrong password?"
    if (/password|MAC/i.test(String((error as Error)?.message))) throw new CertificateError('WRONG_PASSWORD', '证书密码不正确');
    // The MAC (keyed with the password as UTF-16) passed but decryption failed: for AES (PBES2) keys node-forge takes
    // the password's characters as bytes where OpenSSL takes its UTF-8 bytes, so a Chinese password cannot open it.
    if (!/^[\x00-\x7f]*$/.test(password)) throw new CertificateError('UNSUPPORTED_PASSWORD', '证书密码含中文等非ASCII字符，签名组件无法打开；请导出证书时改用仅含字母、数字和符号的密码');
    throw new CertificateError('NOT_PKCS12', '文件不是有效的PKCS#12证书（.p12/.pfx）');
  }
}

/** The OID of a PrivateKeyInfo's algorithm (forge leaves keys it cannot read as ASN.1). */
function keyAlgorithm(info: forge.asn1.Asn1 | undefined): string | null {
  try {
    const alg = (info?.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[];
    return forge.asn1.derToOid(alg[0]!.value as string);
  } catch {
    return null;
  }
}

function privateKey(pfx: forge.pkcs12.Pkcs12Pfx): forge.pki.rsa.PrivateKey {
  const shrouded = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? [];
  const plain = pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [];
  const bag = shrouded[0];
  if (!bag) {
    if (plain.length > 0) throw new CertificateError('UNPROTECTED_KEY', '证书文件中的私钥未加密保护，请导出带密码保护私钥的PKCS#12文件');
    throw new CertificateError('NO_PRIVATE_KEY', '证书文件中没有私钥，请导出包含私钥的PKCS#12文件');
  }
  if (!bag.key) {
    if (keyAlgorithm(bag.asn1) === OID_EC_PUBLIC_KEY) throw new CertificateError('UNSUPPORTED_KEY', '证书使用ECDSA（椭圆曲线）密钥，本系统的签名组件仅支持RSA密钥');
    throw new CertificateError('UNSUPPORTED_KEY', '证书的密钥类型不受支持，本系统的签名组件仅支持RSA密钥');
  }
  if (bag.key.n.bitLength() < MIN_RSA_BITS) throw new CertificateError('WEAK_KEY', `证书的RSA密钥长度不足${MIN_RSA_BITS}位`);
  return bag.key;
}

/** The certificate P12Signer would pick: the one whose RSA public key matches the private key. */
function matchingCertificate(pfx: forge.pkcs12.Pkcs12Pfx, key: forge.pki.rsa.PrivateKey): forge.pki.Certificate {
  const bags = pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  for (const bag of bags) {
    const pub = bag.cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
    if (pub?.n && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0) return bag.cert!;
  }
  throw new CertificateError('NO_CERTIFICATE', '证书文件中没有与私钥匹配的证书');
}

function checkUsage(cert: forge.pki.Certificate): void {
  const usage = cert.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) throw new CertificateError('NOT_FOR_SIGNING', '该证书的密钥用途不包括数字签名，不能用于签署文书');
}

/** Throws unless the certificate is valid at `at`. */
export function checkValidity(notBefore: Date, notAfter: Date, at: Date): void {
  if (at.getTime() < notBefore.getTime()) throw new CertificateError('NOT_YET_VALID', `证书尚未生效（生效日期 ${day(notBefore)}）`);
  if (at.getTime() > notAfter.getTime()) throw new CertificateError('EXPIRED', `证书已过期（有效期至 ${day(notAfter)}）`);
}

/** Opens a PKCS#12 file and checks that it can sign now. */
export function readP12(bytes: Uint8Array, password: string, now: Date): P12Contents {
  const pfx = parsePfx(bytes, password);
  const key = privateKey(pfx);
  const cert = matchingCertificate(pfx, key);
  checkUsage(cert);
  checkValidity(cert.validity.notBefore, cert.validity.notAfter, now);
  return {
    key,
    cert,
    fingerprintSha256: sha256Hex(certificateDer(cert)),
    subject: distinguishedName(cert.subject.attributes),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
  };
}

/**
 * The certificate of a PKCS#12 file the center has used (the one matching its key), whatever its validity or usage
 * today: for the list of the center's earlier certificates, which keeps certificates only.
 */
export function certificateOfP12(bytes: Uint8Array, password: string): forge.pki.Certificate {
  const pfx = parsePfx(bytes, password);
  return matchingCertificate(pfx, privateKey(pfx));
}

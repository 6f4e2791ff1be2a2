// A stamp's own PKI, as Azure Stack Hub deployments have: a self-signed certificate authority that
// also serves TLS for 127.0.0.1 and localhost. Clients trust its PEM for that stamp only.
import { generate } from "selfsigned";

export interface StampCertificate {
  /** PEM of the certificate: the CA a stamp connection trusts. */
  caPem: string;
  cert: string;
  key: string;
}

export async function createStampCertificate(commonName = "Azure Stack Hub simulator CA"): Promise<StampCertificate> {
  const generated = await generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 365 * 24 * 3_600_000),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { caPem: generated.cert, cert: generated.cert, key: generated.private };
}

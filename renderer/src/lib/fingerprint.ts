/** AB:CD:EF… in groups of two, as certificate tools show fingerprints. */
export const groupedHex = (hex: string): string => hex.toUpperCase().match(/.{1,2}/g)?.join(':') ?? hex;

/** The first 16 hex digits of a SHA-256 fingerprint, grouped: what people compare by eye. */
export const fingerprintPrefix = (hex: string): string => groupedHex(hex.slice(0, 16));

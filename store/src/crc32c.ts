// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Cloud KMS uses for integrity
// fields. node:zlib only offers the IEEE CRC-32, which gives different values.
const castagnoliReflected = 0x82f63b78;

const table = Uint32Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ castagnoliReflected : crc >>> 1;
  return crc >>> 0;
});

/** CRC-32C of the bytes as an unsigned 32-bit integer. */
export const crc32c = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

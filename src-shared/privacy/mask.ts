/**
 * Masking of personal data (个人信息保护法): lists, exports and prints show these unless the clerk explicitly asks.
 */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return id ? '*'.repeat(id.length) : '';
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  if (!phone) return '';
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const landline = /^(0\d{2,3}-?)(\d+)(-\d+)?$/.exec(phone);
  if (landline) {
    const [, area, number = ''] = landline;
    return `${area}${'*'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
  }
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****';
}

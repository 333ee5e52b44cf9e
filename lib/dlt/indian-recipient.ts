/** An Indian recipient as sent to Zixflow: 91 followed by the 10-digit national number, nothing else. */
export function isIndianRecipient(recipient: string): boolean {
  return /^91\d{10}$/.test(recipient);
}

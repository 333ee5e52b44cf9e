/** Replaces every occurrence of each secret in `text`; used on anything the API sends back before we show it. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

/** `919876543210` -> `9198******10`: enough to recognise a number in logs without exposing it. */
export function maskRecipient(recipient: string): string {
  if (recipient.length <= 6) return '*'.repeat(recipient.length);
  return recipient.slice(0, 4) + '*'.repeat(recipient.length - 6) + recipient.slice(-2);
}

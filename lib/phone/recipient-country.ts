import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { ZixflowConfigError } from '../errors';

/**
 * `recipients.defaultCountry` as libphonenumber-js wants it (ISO 3166-1 alpha-2, upper case). Throws
 * `ZixflowConfigError` for a code it has no metadata for; call it at boot to fail early.
 */
export function resolveRecipientCountry(country: string): CountryCode {
  const code = typeof country === 'string' ? country.trim().toUpperCase() : '';
  if (!isSupportedCountry(code)) {
    throw new ZixflowConfigError([
      `recipients.defaultCountry must be a supported ISO 3166-1 alpha-2 country code such as IN (got ${JSON.stringify(country)})`,
    ]);
  }
  return code;
}

import { SmsRoute } from '../sms/sms-route.enum';

/**
 * Why `senderId` cannot be an Indian DLT header for `route`, or null when it can: a header is exactly 6
 * characters, numeric (6 digits) for promotional sends and alphabetic (6 letters) for transactional and OTP.
 * Letters are accepted in either case; operators register headers in capitals.
 */
export function checkIndianSenderId(senderId: string, route: SmsRoute | `${SmsRoute}`): string[] | null {
  const reasons: string[] = [];
  const length = [...senderId].length;
  if (length !== 6)
    reasons.push(`an Indian sender id (header) must be exactly 6 characters, "${senderId}" has ${length}`);
  if (route === SmsRoute.Promotional) {
    if (!/^\d*$/.test(senderId))
      reasons.push(`a promotional header must be numeric (6 digits), "${senderId}" is not`);
  } else if (!/^[A-Za-z]*$/.test(senderId)) {
    const kind = route === SmsRoute.Otp ? 'an OTP' : `a ${route}`;
    reasons.push(`${kind} header must be alphabetic (6 letters), "${senderId}" is not`);
  }
  return reasons.length > 0 ? reasons : null;
}

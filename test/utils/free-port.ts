import { freeLoopbackPort } from '../../lib/testing/free-loopback-port';

/**
 * A loopback port nothing listens on, chosen outside the ephemeral range (see freeLoopbackPort): for a URL that
 * must be known before the app listens (a postback URL is a module option), or for a connection that must be
 * refused. The library's own `freeLoopbackPort` (nestjs-zixflow/testing), so the tests use what users are told to.
 */
export function freePort(): Promise<number> {
  return freeLoopbackPort();
}

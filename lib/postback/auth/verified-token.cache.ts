import type { PostbackTokenSigner, PostbackTokenVerification } from './postback-token.signer';

/** What authenticating a postback needs of a signer. */
export type PostbackTokenVerifier = Pick<PostbackTokenSigner, 'verify'>;

interface Verified {
  recipient: string;
  /** From the token's issue time: a hit after this asks the signer again, which answers 'expired'. */
  expiresAt: number;
}

/** Pairs remembered per generation; two generations are kept, so at most twice this many. */
const DEFAULT_GENERATION_SIZE = 1024;

/**
 * Remembers the (token, recipient) pairs that verified, so the later postbacks about one message (sent,
 * delivered, read, retries) skip the HMAC. Safe: for a fixed set of secrets a pair always verifies the
 * same way, and only successes are kept, so forged tokens cannot fill it (they never verify). Bounded
 * without per-entry bookkeeping: when the current generation is full it becomes the previous one and the
 * oldest is dropped whole; a hit in the previous generation is carried over, so pairs in use stay.
 */
export class VerifiedTokenCache implements PostbackTokenVerifier {
  /** Token -> the recipient it verified for (a token names one recipient: it is an HMAC over it). */
  private current = new Map<string, Verified>();
  private previous = new Map<string, Verified>();

  constructor(
    private readonly signer: Pick<PostbackTokenSigner, 'verify' | 'expiresAt'>,
    private readonly generationSize = DEFAULT_GENERATION_SIZE,
    /** The signer's clock. Default Date.now. */
    private readonly now: () => number = Date.now,
  ) {}

  verify(token: string | undefined, recipient: string): PostbackTokenVerification {
    if (typeof token !== 'string' || typeof recipient !== 'string')
      return this.signer.verify(token, recipient);
    // Keyed by the token alone, so a lookup hashes the token and builds no key string.
    const hit = this.current.get(token);
    if (hit !== undefined && hit.recipient === recipient && this.now() <= hit.expiresAt) return 'ok';
    const old = this.previous.get(token);
    if (old !== undefined && old.recipient === recipient && this.now() <= old.expiresAt) {
      this.remember(token, old);
      return 'ok';
    }
    const verdict = this.signer.verify(token, recipient);
    if (verdict === 'ok') this.remember(token, { recipient, expiresAt: this.signer.expiresAt(token) });
    return verdict;
  }

  private remember(token: string, verified: Verified): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(token, verified);
  }
}

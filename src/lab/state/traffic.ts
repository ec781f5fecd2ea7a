/**
 * Traffic on one link, both directions, as exact 64-bit octet counts that grow with clock time
 * while the link carries traffic. Kept in bit·milliseconds (BigInt) so that no rounding creeps in:
 * octets(t) = Σ rate_i · Δt_i / 8000 over the intervals during which the link was up.
 */
export class TrafficMeter {
  private readonly bitMs: [bigint, bigint] = [0n, 0n];
  private readonly rate: [bigint, bigint] = [0n, 0n];
  private active = false;
  private since: number;

  constructor(now: number) {
    this.since = now;
  }

  /** Bank what accrued up to `now`. */
  settle(now: number): void {
    const dt = now > this.since ? BigInt(Math.floor(now - this.since)) : 0n;
    if (this.active && dt > 0n) {
      this.bitMs[0] += this.rate[0] * dt;
      this.bitMs[1] += this.rate[1] * dt;
    }
    if (now > this.since) this.since = now;
  }

  /** Offered load in bit/s, direction a→b and b→a. */
  setRate(now: number, aToB: number, bToA: number): void {
    this.settle(now);
    this.rate[0] = BigInt(Math.max(0, Math.round(aToB)));
    this.rate[1] = BigInt(Math.max(0, Math.round(bToA)));
  }

  rates(): { aToB: number; bToA: number } {
    return { aToB: Number(this.rate[0]), bToA: Number(this.rate[1]) };
  }

  /** Traffic flows only while the link is operationally up at both ends. */
  setActive(now: number, active: boolean): void {
    if (active === this.active) return;
    this.settle(now);
    this.active = active;
  }

  isActive(): boolean {
    return this.active;
  }

  /** Octets sent in a direction (0: a→b, 1: b→a) up to `now`. */
  octets(now: number, direction: 0 | 1): bigint {
    let total = this.bitMs[direction];
    if (this.active && now > this.since) total += this.rate[direction] * BigInt(Math.floor(now - this.since));
    return total / 8000n;
  }
}

/** Average packet sizes used to derive packet counters from octets (deterministic, plausible). */
export const AVG_UNICAST_BYTES = 700n;
/** One multicast packet per this many unicast ones, and one broadcast per this many. */
export const MULTICAST_EVERY = 100n;
export const BROADCAST_EVERY = 400n;

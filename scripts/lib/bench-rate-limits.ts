// The benchmark's simulated voters all come from 127.0.0.1 and vote far faster than people: the vote
// rate limits stay on (their counters are updated on every vote, as in production) but out of reach.
// So does the read API's per-address limit (scripts/lib/bench-api.ts): counted on every call, never reached.
export const BENCH_RATE_LIMITS = "votePerAccount=100000000/60,votePerIp=100000000/60,apiPerIp=100000000/60";

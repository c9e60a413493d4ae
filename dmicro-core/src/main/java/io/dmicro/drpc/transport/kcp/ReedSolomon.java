package io.dmicro.drpc.transport.kcp;

import java.util.Arrays;

/**
 * Reed-Solomon erasure coding over GF(2^8) as klauspost/reedsolomon's default (and Backblaze's
 * JavaReedSolomon, which it ports) builds it: field polynomial 0x11d, a Vandermonde matrix times
 * the inverse of its top square, so the data shards pass unchanged and any {@code dataShards} of
 * the shards rebuild the rest. kcp-go codes its FEC groups with it.
 */
final class ReedSolomon {

    private static final byte[] EXP = new byte[510];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = (byte) x;
            EXP[i + 255] = (byte) x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11d;
            }
        }
    }

    private final int dataShards;
    private final int totalShards;
    private final byte[][] matrix;

    ReedSolomon(int dataShards, int parityShards) {
        this.dataShards = dataShards;
        this.totalShards = dataShards + parityShards;
        byte[][] vandermonde = new byte[totalShards][dataShards];
        for (int r = 0; r < totalShards; r++) {
            for (int c = 0; c < dataShards; c++) {
                vandermonde[r][c] = exp(r, c);
            }
        }
        byte[][] top = new byte[dataShards][];
        System.arraycopy(vandermonde, 0, top, 0, dataShards);
        this.matrix = multiply(vandermonde, invert(top));
    }

    /** Fills {@code shards[dataShards..]} (parity) from {@code shards[0..dataShards)}; all of one length. */
    void encode(byte[][] shards) {
        int length = shards[0].length;
        for (int p = dataShards; p < totalShards; p++) {
            byte[] out = shards[p];
            Arrays.fill(out, 0, length, (byte) 0);
            for (int d = 0; d < dataShards; d++) {
                mulAdd(matrix[p][d], shards[d], out, length);
            }
        }
    }

    /**
     * Rebuilds the missing data shards ({@code present[i] == false}) from any {@code dataShards}
     * present ones, all of {@code length} bytes; returns false when too few are present.
     */
    boolean reconstructData(byte[][] shards, boolean[] present, int length) {
        int[] rows = new int[dataShards];
        int n = 0;
        for (int i = 0; i < totalShards && n < dataShards; i++) {
            if (present[i]) {
                rows[n++] = i;
            }
        }
        if (n < dataShards) {
            return false;
        }
        byte[][] sub = new byte[dataShards][];
        for (int i = 0; i < dataShards; i++) {
            sub[i] = matrix[rows[i]].clone();
        }
        byte[][] decode = invert(sub);
        for (int d = 0; d < dataShards; d++) {
            if (present[d]) {
                continue;
            }
            byte[] out = new byte[length];
            for (int i = 0; i < dataShards; i++) {
                mulAdd(decode[d][i], shards[rows[i]], out, length);
            }
            shards[d] = out;
        }
        return true;
    }

    private static void mulAdd(byte coefficient, byte[] in, byte[] out, int length) {
        if (coefficient == 0) {
            return;
        }
        int logC = LOG[coefficient & 0xff];
        for (int i = 0; i < length; i++) {
            int v = in[i] & 0xff;
            if (v != 0) {
                out[i] ^= EXP[logC + LOG[v]];
            }
        }
    }

    static byte mul(byte a, byte b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a & 0xff] + LOG[b & 0xff]];
    }

    private static byte exp(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(LOG[a] * n) % 255];
    }

    private static byte[][] multiply(byte[][] a, byte[][] b) {
        byte[][] out = new byte[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                byte v = 0;
                for (int i = 0; i < b.length; i++) {
                    v ^= mul(a[r][i], b[i][c]);
                }
                out[r][c] = v;
            }
        }
        return out;
    }

    /** Gauss-Jordan elimination over the field, as klauspost's matrix.Invert. */
    private static byte[][] invert(byte[][] m) {
        int size = m.length;
        byte[][] work = new byte[size][size * 2];
        for (int r = 0; r < size; r++) {
            System.arraycopy(m[r], 0, work[r], 0, size);
            work[r][size + r] = 1;
        }
        for (int r = 0; r < size; r++) {
            if (work[r][r] == 0) {
                for (int below = r + 1; below < size; below++) {
                    if (work[below][r] != 0) {
                        byte[] t = work[r];
                        work[r] = work[below];
                        work[below] = t;
                        break;
                    }
                }
            }
            if (work[r][r] == 0) {
                throw new IllegalStateException("singular matrix");
            }
            if (work[r][r] != 1) {
                byte scale = EXP[255 - LOG[work[r][r] & 0xff]];
                for (int c = 0; c < size * 2; c++) {
                    work[r][c] = mul(work[r][c], scale);
                }
            }
            for (int other = 0; other < size; other++) {
                if (other != r && work[other][r] != 0) {
                    byte scale = work[other][r];
                    for (int c = 0; c < size * 2; c++) {
                        work[other][c] ^= mul(scale, work[r][c]);
                    }
                }
            }
        }
        byte[][] out = new byte[size][size];
        for (int r = 0; r < size; r++) {
            System.arraycopy(work[r], size, out[r], 0, size);
        }
        return out;
    }
}

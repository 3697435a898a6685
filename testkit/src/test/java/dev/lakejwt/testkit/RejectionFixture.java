package dev.lakejwt.testkit;

import dev.lakejwt.core.Algorithm;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/** The fakes and identities the rejection cases are built from; the clock is frozen. */
final class RejectionFixture implements AutoCloseable {
    final FakeLake lake;
    final FakeLake pinnedIssuerLake;
    final long now;
    final LakeIdentity me;
    final LakeIdentity ec;
    final LakeIdentity other;
    final LakeIdentity keyOwner;
    final LakeIdentity revokedKey;
    final LakeIdentity revokedPat;
    final LakeIdentity expiredPat;
    final LakeIdentity laterPat;
    final LakeIdentity rotated;
    final LakeIdentity pinnedMe;
    final KeyPair orgWideKey;

    RejectionFixture() {
        lake = FakeLake.start();
        lake.clock().set(Instant.parse("2026-03-01T12:00:00Z"));
        now = lake.clock().instant().getEpochSecond();
        me = lake.newIdentity("demo_user");
        ec = lake.newIdentity("ec_user", Algorithm.ES256);
        other = lake.newIdentity("other_user");
        keyOwner = lake.identity("key_owner").keyId("owners-only-key").create();
        revokedKey = lake.identity("revoked_key_user").keyId("old").create();
        lake.revokeKey("revoked_key_user", "old");
        revokedPat = lake.newIdentity("revoked_pat_user");
        lake.revokePat(revokedPat.pat());
        expiredPat = lake.identity("expired_pat_user").patExpiresAt(lake.clock().instant().minusSeconds(1)).create();
        laterPat = lake.identity("later_pat_user").patExpiresAt(lake.clock().instant().plus(Duration.ofDays(1))).create();
        lake.identity("rotating_user").keyId("2025").create();
        rotated = lake.identity("rotating_user").keyId("2026").create();
        orgWideKey = FakeLake.generateKeyPair(Algorithm.RS256);
        lake.registerKey("org-wide", orgWideKey.getPublic());
        pinnedIssuerLake = FakeLake.builder().issuer("wiki").start();
        pinnedMe = pinnedIssuerLake.newIdentity("demo_user");
    }

    @Override
    public void close() {
        lake.close();
        pinnedIssuerLake.close();
    }
}

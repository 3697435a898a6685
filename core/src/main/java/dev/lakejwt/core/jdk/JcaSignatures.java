package dev.lakejwt.core.jdk;

import dev.lakejwt.core.Algorithm;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * JWS signatures with {@link java.security.Signature} alone, in the JOSE wire form: RS256, PS256
 * and ES256 with the raw 64-byte {@code R||S} value (RFC 7518 §3.4), not ASN.1 DER.
 *
 * <p>Easy to get wrong: {@code SHA256withECDSA} returns DER; a JWS needs {@code R||S}. This class
 * asks the provider for the P1363 form and transcodes DER itself when a provider lacks that form,
 * so the output is the same whatever provider signs.
 */
public final class JcaSignatures {
    private static final int ES256_PART = 32;

    private JcaSignatures() {
    }

    /** Signs {@code input} with the key, using {@code provider} or the JCA default when it is null. */
    public static byte[] sign(Algorithm algorithm, PrivateKey key, Provider provider, byte[] input)
            throws GeneralSecurityException {
        boolean p1363 = true;
        Signature signature;
        if (algorithm == Algorithm.ES256) {
            try {
                signature = instance("SHA256withECDSAinP1363Format", provider);
            } catch (NoSuchAlgorithmException e) {
                signature = instance("SHA256withECDSA", provider);
                p1363 = false;
            }
        } else {
            signature = newSignature(algorithm, provider);
        }
        signature.initSign(key);
        signature.update(input);
        byte[] result = signature.sign();
        return p1363 ? result : derToP1363(result);
    }

    /** Verifies a JOSE-form signature over {@code input}; false for a wrong or malformed signature. */
    public static boolean verify(Algorithm algorithm, PublicKey key, byte[] input, byte[] joseSignature)
            throws GeneralSecurityException {
        Signature signature;
        if (algorithm == Algorithm.ES256) {
            if (joseSignature.length != 2 * ES256_PART) {
                return false;
            }
            signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        } else {
            signature = newSignature(algorithm, null);
        }
        signature.initVerify(key);
        signature.update(input);
        try {
            return signature.verify(joseSignature);
        } catch (SignatureException e) {
            return false;
        }
    }

    /** A fresh, un-initialised {@link Signature} for RS256 or PS256 (PS256 with its JOSE parameters). */
    public static Signature newSignature(Algorithm algorithm, Provider provider) throws GeneralSecurityException {
        return switch (algorithm) {
            case RS256 -> instance("SHA256withRSA", provider);
            case PS256 -> {
                Signature s = instance("RSASSA-PSS", provider);
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield s;
            }
            case ES256 -> instance("SHA256withECDSA", provider);
        };
    }

    private static Signature instance(String name, Provider provider) throws NoSuchAlgorithmException {
        return provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
    }

    /** Converts an ASN.1 DER ECDSA signature {@code SEQUENCE{INTEGER r, INTEGER s}} to 64-byte {@code R||S}. */
    static byte[] derToP1363(byte[] der) throws SignatureException {
        try {
            int offset = 2;
            if (der[0] != 0x30) {
                throw new SignatureException("ECDSA signature is not a DER sequence");
            }
            if ((der[1] & 0x80) != 0) {
                offset += der[1] & 0x7f;
            }
            byte[] out = new byte[2 * ES256_PART];
            offset = copyInteger(der, offset, out, 0);
            copyInteger(der, offset, out, ES256_PART);
            return out;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new SignatureException("ECDSA signature is truncated");
        }
    }

    private static int copyInteger(byte[] der, int offset, byte[] out, int outOffset) throws SignatureException {
        if (der[offset] != 0x02) {
            throw new SignatureException("ECDSA signature part is not a DER integer");
        }
        int length = der[offset + 1];
        int start = offset + 2;
        int end = start + length;
        while (length > ES256_PART && der[start] == 0) {
            start++;
            length--;
        }
        if (length > ES256_PART) {
            throw new SignatureException("ECDSA signature part is longer than 32 bytes");
        }
        Arrays.fill(out, outOffset, outOffset + ES256_PART - length, (byte) 0);
        System.arraycopy(der, start, out, outOffset + ES256_PART - length, length);
        return end;
    }
}

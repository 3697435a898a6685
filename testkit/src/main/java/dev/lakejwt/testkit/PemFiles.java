package dev.lakejwt.testkit;

import java.nio.file.Path;

/**
 * Where a {@link LakeIdentity}'s key pair was written: the private key as the Lake console downloads
 * it (PKCS#8 PEM, named {@code <kid>.pem}) and the public key as SPKI PEM ({@code <kid>.pub.pem}).
 *
 * <p>Easy to get wrong: the private key file is named after the kid on purpose, so
 * {@code KeyLoader.loadPrivateKey(privateKey())} derives the right kid; rename it and set the kid explicitly.
 *
 * @param privateKey the private key file (readable by the owner only where the file system allows)
 * @param publicKey  the public key file
 */
public record PemFiles(Path privateKey, Path publicKey) {
}

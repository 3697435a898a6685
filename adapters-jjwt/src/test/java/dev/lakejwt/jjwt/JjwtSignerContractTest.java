package dev.lakejwt.jjwt;

import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.testkit.contract.JwtSignerContract;

/** The {@code jjwt} signer runs the shared signer contract, including the reference bytes of the {@code jdk} signer. */
class JjwtSignerContractTest extends JwtSignerContract {
    @Override
    protected JwtSigner signer() {
        return JwtSigners.named(JjwtSigner.NAME);
    }

    @Override
    protected boolean writesReferenceOrder() {
        return true;
    }
}

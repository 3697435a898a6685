package dev.lakejwt.jose4j;

import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.testkit.contract.JwtSignerContract;

/** The {@code jose4j} signer runs the shared signer contract, including the reference bytes of the {@code jdk} signer. */
class Jose4jSignerContractTest extends JwtSignerContract {
    @Override
    protected JwtSigner signer() {
        return JwtSigners.named(Jose4jSigner.NAME);
    }

    @Override
    protected boolean writesReferenceOrder() {
        return true;
    }
}

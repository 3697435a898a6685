package dev.lakejwt.nimbus;

import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.testkit.contract.JwtSignerContract;

/** The {@code nimbus} signer runs the shared signer contract, including the reference bytes of the {@code jdk} signer. */
class NimbusSignerContractTest extends JwtSignerContract {
    @Override
    protected JwtSigner signer() {
        return JwtSigners.named(NimbusSigner.NAME);
    }

    @Override
    protected boolean writesReferenceOrder() {
        return true;
    }
}

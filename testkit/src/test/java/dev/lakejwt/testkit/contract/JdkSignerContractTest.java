package dev.lakejwt.testkit.contract;

import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;

/** Core's reference signer runs the contract here, because core cannot depend on the testkit. */
class JdkSignerContractTest extends JwtSignerContract {
    @Override
    protected JwtSigner signer() {
        return JwtSigners.named(JdkJwtSigner.NAME);
    }

    @Override
    protected boolean writesReferenceOrder() {
        return true;
    }
}

package dev.lakejwt.testkit.violation;

/** Deliberate violation: the testkit judging tokens with a JOSE library. */
public class TestkitUsingNimbus {
    Object parse(String token) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(token);
    }
}

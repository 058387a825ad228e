import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the JRE's trust store (/etc/ssl/certs/java/cacerts in the base image) from Debian's CA
 * certificates, as the ca-certificates-java package's maintainer script would have done in a real
 * installation. Run with a JDK's single-file launcher by deploy/base-image/build-base-image:
 *
 * <pre>java Cacerts.java OUTPUT CERT.crt...</pre>
 *
 * PKCS12, password "changeit" (the JDK's and Debian's default), one alias per certificate named like
 * Debian's ("debian:NAME.pem"), in the order given (the caller sorts them, so the output is the same
 * for the same certificates).
 */
public class Cacerts {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java Cacerts.java OUTPUT CERT.crt...");
            System.exit(2);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<String> aliases = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path pem = Path.of(args[i]);
            Certificate certificate;
            try (InputStream in = Files.newInputStream(pem)) {
                certificate = x509.generateCertificate(in);
            }
            String name = pem.getFileName().toString().replaceFirst("\\.crt$", "");
            String alias = "debian:" + name.toLowerCase() + ".pem";
            store.setCertificateEntry(alias, certificate);
            aliases.add(alias);
        }
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            store.store(out, "changeit".toCharArray());
        }
        System.out.println(aliases.size() + " certificates written to " + args[0]);
    }
}

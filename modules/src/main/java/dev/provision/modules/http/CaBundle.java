package dev.provision.modules.http;

import dev.provision.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for {@code http_get}: the JDK's CAs plus the certificates of a PEM bundle. Both
 * checks are the JDK's own extended trust managers, so the host name is verified as usual;
 * there is no way to turn verification off.
 */
public final class CaBundle {

  private CaBundle() {}

  public static SSLContext sslContext(Path pem) throws ModuleException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(pem)) {
        certs = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new ModuleException("ca_bundle " + pem + " holds no PEM certificate");
      }
      int i = 0;
      for (Certificate cert : certs) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Either(trustManager(null), trustManager(store))}, null);
      return context;
    } catch (IOException e) {
      throw new ModuleException("cannot read ca_bundle " + pem + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ModuleException("ca_bundle " + pem + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Trusts a server that either the default CAs or the bundle trusts. */
  private static final class Either extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager system;
    private final X509ExtendedTrustManager bundle;

    Either(X509ExtendedTrustManager system, X509ExtendedTrustManager bundle) {
      this.system = system;
      this.bundle = bundle;
    }

    private interface Check {
      void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.run(system);
      } catch (CertificateException e) {
        check.run(bundle);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = system.getAcceptedIssuers();
      X509Certificate[] b = bundle.getAcceptedIssuers();
      X509Certificate[] out = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }
}

package io.dmicro.spring.boot.autoconfigure.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;

/**
 * The key and trust managers of an SSL bundle behind a reference that a bundle update swaps: the
 * Netty contexts are built once on these, so listeners and dials already made use the new
 * certificate for every handshake after a reload, with nothing rebound.
 */
final class ReloadableManagers {

    private volatile @Nullable X509ExtendedKeyManager key;
    private volatile @Nullable X509ExtendedTrustManager trust;

    ReloadableManagers(SslBundle bundle) {
        update(bundle);
    }

    void update(SslBundle bundle) {
        KeyManager[] keys = bundle.getManagers().getKeyManagers();
        TrustManager[] trusts = bundle.getManagers().getTrustManagers();
        key = first(keys, X509ExtendedKeyManager.class);
        trust = first(trusts, X509ExtendedTrustManager.class);
    }

    boolean hasKey() {
        return key != null;
    }

    boolean hasTrust() {
        return trust != null;
    }

    X509ExtendedKeyManager keyManager() {
        return new X509ExtendedKeyManager() {
            private X509ExtendedKeyManager k() {
                X509ExtendedKeyManager k = key;
                if (k == null) {
                    throw new IllegalStateException("the SSL bundle has no key store");
                }
                return k;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return k().getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return k().chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return k().getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return k().chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return k().getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return k().getPrivateKey(alias);
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return k().chooseEngineClientAlias(keyType, issuers, engine);
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return k().chooseEngineServerAlias(keyType, issuers, engine);
            }
        };
    }

    X509ExtendedTrustManager trustManager() {
        return new X509ExtendedTrustManager() {
            private X509ExtendedTrustManager t() {
                X509ExtendedTrustManager t = trust;
                if (t == null) {
                    throw new IllegalStateException("the SSL bundle has no trust store");
                }
                return t;
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                t().checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                t().checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                t().checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                t().checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                t().checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                t().checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return t().getAcceptedIssuers();
            }
        };
    }

    private static <T> @Nullable T first(@Nullable Object[] managers, Class<T> type) {
        if (managers == null) {
            return null;
        }
        for (Object m : managers) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }
}

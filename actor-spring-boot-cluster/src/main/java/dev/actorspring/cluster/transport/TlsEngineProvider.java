package dev.actorspring.cluster.transport;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.remote.artery.tcp.SSLEngineProvider;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * Pekko Artery's TLS engines made from a given {@link SSLContext} (a Spring SSL bundle's, in practice): each node
 * presents the context's key and accepts only peers whose certificate its trust managers trust (mutual
 * authentication), so a process that cannot show such a certificate can neither join the cluster nor read an
 * actor file from it. Pekko creates this class by name ({@code pekko.remote.artery.ssl.ssl-engine-provider}); the
 * context reaches it through {@link #register}, under an id the actor system's configuration carries
 * ({@value #SETTINGS_ID}).
 */
public final class TlsEngineProvider implements SSLEngineProvider {

	/** The configuration key of the id the settings were registered under. */
	public static final String SETTINGS_ID = "actor-spring.cluster.tls.settings-id";

	private static final Map<String, Settings> registered = new ConcurrentHashMap<>();

	private final Settings settings;

	/**
	 * Called by Pekko with the actor system whose transport it secures.
	 * @param system the actor system
	 */
	public TlsEngineProvider(ActorSystem system) {
		String id = system.settings().config().getString(SETTINGS_ID);
		this.settings = Optional.ofNullable(registered.get(id))
			.orElseThrow(() -> new IllegalStateException("No TLS settings registered for the cluster transport"));
	}

	/**
	 * Keeps the TLS settings of an actor system about to be created.
	 * @param settings the settings
	 * @return the id to put in the system's configuration under {@value #SETTINGS_ID}
	 */
	public static String register(Settings settings) {
		String id = UUID.randomUUID().toString();
		registered.put(id, settings);
		return id;
	}

	/**
	 * Forgets settings once their actor system terminated.
	 * @param id the id {@link #register} gave
	 */
	public static void unregister(String id) {
		registered.remove(id);
	}

	@Override
	public SSLEngine createServerSSLEngine(String hostname, int port) {
		SSLEngine engine = engine(hostname, port);
		engine.setUseClientMode(false);
		engine.setNeedClientAuth(true);
		return engine;
	}

	@Override
	public SSLEngine createClientSSLEngine(String hostname, int port) {
		SSLEngine engine = engine(hostname, port);
		engine.setUseClientMode(true);
		return engine;
	}

	private SSLEngine engine(String hostname, int port) {
		SSLEngine engine = this.settings.context().createSSLEngine(hostname, port);
		if (this.settings.ciphers() != null) {
			engine.setEnabledCipherSuites(this.settings.ciphers());
		}
		if (this.settings.protocols() != null) {
			engine.setEnabledProtocols(this.settings.protocols());
		}
		return engine;
	}

	/** Peers are recognised by their certificate alone (they are addressed by IP): no host name check. */
	@Override
	public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
		return Option.empty();
	}

	@Override
	public Option<Throwable> verifyServerSession(String hostname, SSLSession session) {
		return Option.empty();
	}

	/**
	 * What the engines are made from.
	 * @param context the key and trust managers
	 * @param ciphers the cipher suites to enable, or {@code null} for the JDK's defaults
	 * @param protocols the protocols to enable, or {@code null} for the JDK's defaults
	 */
	public record Settings(SSLContext context, String @Nullable [] ciphers, String @Nullable [] protocols) {
	}

}

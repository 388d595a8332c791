package dev.actorspring.runtime.definition;

import java.lang.annotation.Annotation;

import dev.actorspring.api.CreateConnState;
import dev.actorspring.api.CreateState;
import dev.actorspring.api.CreateVars;
import dev.actorspring.api.OnBeforeConnect;
import dev.actorspring.api.OnBeforeSubscribe;
import dev.actorspring.api.OnConnect;
import dev.actorspring.api.OnCreate;
import dev.actorspring.api.OnDestroy;
import dev.actorspring.api.OnDisconnect;
import dev.actorspring.api.OnSleep;
import dev.actorspring.api.OnStateChange;
import dev.actorspring.api.OnWake;

/**
 * The lifecycle hooks an actor may declare, with what each one's method may take.
 */
public enum HookType {

	CREATE_STATE(CreateState.class, 1, false),

	CREATE_VARS(CreateVars.class, 0, false),

	ON_CREATE(OnCreate.class, 1, false),

	ON_WAKE(OnWake.class, 0, false),

	ON_SLEEP(OnSleep.class, 0, false),

	ON_DESTROY(OnDestroy.class, 0, false),

	ON_STATE_CHANGE(OnStateChange.class, 1, false),

	ON_BEFORE_CONNECT(OnBeforeConnect.class, 1, false),

	CREATE_CONN_STATE(CreateConnState.class, 1, false),

	ON_CONNECT(OnConnect.class, 0, true),

	ON_BEFORE_SUBSCRIBE(OnBeforeSubscribe.class, 1, true),

	ON_DISCONNECT(OnDisconnect.class, 0, true);

	private final Class<? extends Annotation> annotation;

	private final int maxPayloadParameters;

	private final boolean acceptsConnection;

	HookType(Class<? extends Annotation> annotation, int maxPayloadParameters, boolean acceptsConnection) {
		this.annotation = annotation;
		this.maxPayloadParameters = maxPayloadParameters;
		this.acceptsConnection = acceptsConnection;
	}

	public Class<? extends Annotation> annotation() {
		return this.annotation;
	}

	public int maxPayloadParameters() {
		return this.maxPayloadParameters;
	}

	public boolean acceptsConnection() {
		return this.acceptsConnection;
	}

	public String displayName() {
		return "@" + this.annotation.getSimpleName();
	}

}

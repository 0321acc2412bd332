package org.studygate.directory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.nayuki.qrcodegen.QrCode;
import org.apache.commons.codec.binary.Base32;
import org.studygate.SecretBox;
import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in for local staff accounts (decision 057): an authenticator app (TOTP,
 * RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock drift either way, each
 * step good once) and single-use recovery codes. A user enrols a secret, shown once, and
 * turns it on by confirming a first code; from then his password alone does not sign him
 * in.
 */
@Service
public class TwoFactor {

	/** Recovery codes made at a time. */
	public static final int RECOVERY_CODES = 10;

	/** How long a browser is remembered. */
	public static final Duration REMEMBER_FOR = Duration.ofDays(30);

	static final Duration STEP = Duration.ofSeconds(30);

	private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final TwoFactorStore store;

	private final CredentialStore credentials;

	private final TwoFactorSecrets secrets;

	private final ApplicationEventPublisher events;

	private final SignInCodes codes;

	private final Clock clock;

	private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(STEP, 6);

	TwoFactor(TwoFactorStore store, CredentialStore credentials, TwoFactorSecrets secrets,
			ApplicationEventPublisher events, SignInCodes codes, Clock clock) {
		this.codes = codes;
		this.store = store;
		this.credentials = credentials;
		this.secrets = secrets;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Whether the user's second factor is on ({@code totp}, a name older than codes by
	 * e-mail or SMS: true for any method), how many recovery codes are left, and its
	 * method (TOTP, EMAIL or SMS; {@code null} when off).
	 */
	public record Status(boolean totp, int recoveryCodesLeft, String method) {

	}

	@Transactional(readOnly = true)
	public Status status(Actor actor) {
		UserId user = userOf(actor);
		return new Status(store.enabled(user), store.recoveryCodesLeft(user), store.method(user, true).orElse(null));
	}

	/**
	 * A new authenticator secret for the caller, not yet on; refused (409) while one is
	 * on, so that an open session cannot swap its owner's authenticator.
	 */
	@Transactional
	public TotpEnrolment enrol(Actor actor) {
		return enrol(userOf(actor));
	}

	/**
	 * A new authenticator secret for a user sent to enrolment after a right password
	 * (decision 065); the caller holds that proof. Refused (409) when his second factor
	 * is on.
	 */
	@Transactional
	public TotpEnrolment enrolAtSignIn(StaffPrincipal pending) {
		return enrol(pending.userId());
	}

	private TotpEnrolment enrol(UserId user) {
		CredentialStore.Account account = credentials.accountForUpdate(user)
			.orElseThrow(() -> new NotFoundException("user"));
		if (store.enabled(user)) {
			throw new ConflictException("two-factor sign-in is already on");
		}
		byte[] secret = new byte[20];
		secrets.random().nextBytes(secret);
		SecretBox.Sealed sealed = secrets.encrypt(secret);
		store.pending(user, sealed.cipher(), sealed.keyId(), clock.instant());
		String base32 = new Base32().encodeToString(secret).replace("=", "");
		String label = URLEncoder.encode("Studygate:" + account.username(), StandardCharsets.UTF_8).replace("+", "%20");
		String uri = "otpauth://totp/" + label + "?secret=" + base32
				+ "&issuer=Studygate&algorithm=SHA1&digits=6&period=30";
		return new TotpEnrolment(base32, uri, svg(QrCode.encodeText(uri, QrCode.Ecc.MEDIUM)));
	}

	/** Turns the enrolled secret on with a first code from the app. */
	@Transactional
	public void confirm(Actor actor, String code) {
		UserId user = userOf(actor);
		credentials.accountForUpdate(user).orElseThrow(() -> new NotFoundException("user"));
		TwoFactorStore.Totp pending = store.totp(user)
			.orElseThrow(() -> new ConflictException("no authenticator secret is waiting to be confirmed"));
		if (pending.enabled()) {
			throw new ConflictException("two-factor sign-in is already on");
		}
		if (!totpMatches(user, pending, code)) {
			throw new InvalidInputException("code", "is not right");
		}
		store.enable(user, clock.instant());
		events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user, TwoFactorChanged.ENABLED,
				AuditOutcome.SUCCESS));
	}

	/**
	 * Turns the second factor enrolled at sign-in (an authenticator secret, or codes by
	 * e-mail or SMS) on with a first code, in the sign-in's transaction; false when the
	 * code is wrong or nothing waits.
	 */
	boolean confirmAtSignIn(CredentialStore.Account account, String code) {
		UserId user = account.id();
		Optional<String> method = store.method(user, false);
		if (method.isEmpty()) {
			return false;
		}
		if ("TOTP".equals(method.get())) {
			Optional<TwoFactorStore.Totp> pending = store.totp(user).filter(t -> !t.enabled());
			if (pending.isEmpty() || !totpMatches(user, pending.get(), code)) {
				return false;
			}
		}
		else if (!codes.check(user, code)) {
			return false;
		}
		store.enable(user, clock.instant());
		events.publishEvent(new TwoFactorChanged(clock.instant(),
				new org.studygate.audit.AuditActor(ActorKind.USER.name(), user.toString(), account.displayName()), user,
				TwoFactorChanged.ENABLED, AuditOutcome.SUCCESS, method.get()));
		return true;
	}

	/**
	 * New recovery codes for the caller, shown once; the old ones stop working. Only with
	 * two-factor sign-in on.
	 */
	@Transactional
	public List<String> renewRecoveryCodes(Actor actor) {
		UserId user = userOf(actor);
		credentials.accountForUpdate(user).orElseThrow(() -> new NotFoundException("user"));
		if (!store.enabled(user)) {
			throw new ConflictException("two-factor sign-in is not on");
		}
		List<String> codes = new ArrayList<>();
		List<byte[]> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int j = 0; j < 10; j++) {
				code.append(RECOVERY_ALPHABET.charAt(secrets.random().nextInt(RECOVERY_ALPHABET.length())));
			}
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
			hashes.add(secrets.hash(user, code.toString()));
		}
		store.replaceRecoveryCodes(user, hashes);
		events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user,
				TwoFactorChanged.RECOVERY_CODES_RENEWED, AuditOutcome.SUCCESS));
		return codes;
	}

	/**
	 * Remembers the browser a user just signed in with both factors: the cookie's value,
	 * {@code id.secret.signature}, good for {@link #REMEMBER_FOR}. The signature binds it
	 * to the user; only a keyed hash of the secret is stored.
	 */
	@Transactional
	public String rememberBrowser(UserId user) {
		if (!store.enabled(user)) {
			throw new ConflictException("two-factor sign-in is not on");
		}
		UUID id = UUID.randomUUID();
		byte[] bytes = new byte[32];
		secrets.random().nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = clock.instant();
		store.remember(id, user, secrets.hash(user, "browser:" + secret), now, now.plus(REMEMBER_FOR));
		return id + "." + secret + "." + signature(user, id + "." + secret);
	}

	/** Forgets every browser the caller had remembered; the number forgotten. */
	@Transactional
	public int forgetBrowsers(Actor actor) {
		return store.forgetBrowsers(userOf(actor));
	}

	/** Whether the cookie is one of this user's remembered browsers, unexpired. */
	boolean remembered(UserId user, String cookie) {
		String[] parts = cookie == null ? new String[0] : cookie.split("\\.");
		if (parts.length != 3 || !MessageDigest.isEqual(
				signature(user, parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII))) {
			return false;
		}
		UUID id;
		try {
			id = UUID.fromString(parts[0]);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return store.rememberedSecret(id, user, clock.instant())
			.filter(hash -> MessageDigest.isEqual(hash, secrets.hash(user, "browser:" + parts[1])))
			.isPresent();
	}

	private String signature(UserId user, String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.hash(user, "signature:" + value));
	}

	/** Whether the user must give a second factor with his password. */
	boolean required(UserId user) {
		return store.enabled(user);
	}

	/**
	 * Checks a second factor in the login's transaction; a TOTP step or a recovery code
	 * is used up by a success.
	 */
	boolean verify(UserId user, SecondFactor factor) {
		if (factor.recoveryCode() != null && !factor.recoveryCode().isBlank()) {
			String code = factor.recoveryCode().replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
			return store.useRecoveryCode(user, secrets.hash(user, code), clock.instant());
		}
		String method = store.method(user, true).orElse("TOTP");
		if (!"TOTP".equals(method)) {
			return codes.check(user, factor.totp());
		}
		return store.totp(user)
			.filter(TwoFactorStore.Totp::enabled)
			.map(t -> totpMatches(user, t, factor.totp()))
			.orElse(false);
	}

	/**
	 * Sends a new code to a user whose second factor is codes by e-mail or SMS, once the
	 * login's transaction commits (decision 065); nothing for an authenticator app.
	 */
	void sendCode(UserId user) {
		store.method(user, true).filter(m -> !"TOTP".equals(m)).ifPresent(m -> codes.issue(user, m));
	}

	private boolean totpMatches(UserId user, TwoFactorStore.Totp stored, String code) {
		if (code == null || !code.strip().matches("\\d{6}")) {
			return false;
		}
		byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
		SecretKeySpec key = new SecretKeySpec(secrets.decrypt(stored.cipher(), stored.keyId()), "HmacSHA1");
		long now = clock.instant().getEpochSecond() / STEP.toSeconds();
		for (long step = now - 1; step <= now + 1; step++) {
			if (step > stored.lastStep() && MessageDigest.isEqual(given, expected(key, step))) {
				return store.useStep(user, step);
			}
		}
		return false;
	}

	private byte[] expected(SecretKeySpec key, long step) {
		try {
			return totp.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT)
				.getBytes(StandardCharsets.US_ASCII);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("unusable authenticator secret", ex);
		}
	}

	private static UserId userOf(Actor actor) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		return actor.userId();
	}

	/** The QR code as an SVG image, black modules on white with a four-module margin. */
	static String svg(QrCode qr) {
		int size = qr.size + 8;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + 4).append(',').append(y + 4).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
				+ path + "\" fill=\"#000\"/></svg>";
	}

}

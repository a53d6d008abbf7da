package dev.partnerhub.accounts.domain;

import java.sql.Timestamp;
import java.time.Clock;

import dev.partnerhub.support.IpAddresses;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The addresses each login signed in from, the newest {@value #KEPT} per login: the fraud
 * hold compares a buyer's IP with the partner's own (published as
 * {@code partner_login_address}).
 */
@Component
public class LoginAddresses {

	static final int KEPT = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginAddresses(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Notes a successful sign-in of {@code email} from {@code ip}; ignores a non-IP. */
	@Transactional
	public void signedIn(String email, String ip) {
		String address = IpAddresses.parse(ip).map(a -> a.getHostAddress().replaceFirst("%.*$", "")).orElse(null);
		if (address == null) {
			return;
		}
		Long account = this.jdbc.sql("select id from user_account where lower(email) = lower(:email)")
			.param("email", email)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (account == null) {
			return;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into account_address (account_id, ip, first_seen, last_seen)
				values (:account, cast(:ip as inet), :now, :now)
				on conflict (account_id, ip) do update set last_seen = excluded.last_seen
				""").param("account", account).param("ip", address).param("now", now).update();
		this.jdbc.sql("""
				delete from account_address where account_id = :account and ip not in (
				    select ip from account_address where account_id = :account order by last_seen desc limit :kept)
				""").param("account", account).param("kept", KEPT).update();
	}

}

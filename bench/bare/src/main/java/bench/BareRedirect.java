package bench;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the framework alone costs for a tracked link: a random token, a cookie, a 302 and
 * a queue offer (where Partnerhub hands the click to its writer), no filters, no database.
 * bench/run.sh measures it beside Partnerhub's {@code /r/} and {@code /ping}.
 */
@SpringBootApplication
@RestController
public class BareRedirect {

	private static final SecureRandom RANDOM = new SecureRandom();

	// drained by one thread, like Partnerhub's click writer; full → the click is dropped
	private final BlockingQueue<String> clicks = new ArrayBlockingQueue<>(65_536);

	public static void main(String[] args) {
		SpringApplication.run(BareRedirect.class, args);
	}

	BareRedirect() {
		Thread drain = new Thread(() -> {
			try {
				while (true) {
					this.clicks.take();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "click-drain");
		drain.setDaemon(true);
		drain.start();
	}

	@GetMapping("/r/{code}")
	void redirect(@PathVariable String code, HttpServletResponse response) {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.clicks.offer(code + ':' + token);
		response.setStatus(302);
		response.setHeader("Location", "https://example.com/landing?ref=" + code);
		response.setHeader("Cache-Control", "no-store");
		response.addHeader("Set-Cookie", "ph_ref=" + token + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
	}

	@GetMapping("/ping")
	String ping() {
		return "pong";
	}

}

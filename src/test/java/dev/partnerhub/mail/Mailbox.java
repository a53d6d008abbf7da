package dev.partnerhub.mail;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Reading what arrived at GreenMail: other tests' e-mails arrive too, so always filter by
 * recipient.
 */
public final class Mailbox {

	private Mailbox() {
	}

	public static List<MimeMessage> to(GreenMailOperations greenMail, String address) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isTo(m, address)).toList();
	}

	/**
	 * The plain-text body: the message itself, or its text/plain part when it is
	 * multipart (a branded e-mail has an HTML part too).
	 */
	public static String body(MimeMessage message) {
		try {
			Object content = message.getContent();
			if (content instanceof String text) {
				return text;
			}
			String text = part(message, "text/plain");
			return text != null ? text : GreenMailUtil.getBody(message);
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The HTML part, or null when the message has none. */
	public static String html(MimeMessage message) {
		try {
			return part(message, "text/html");
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String part(jakarta.mail.Part part, String type) throws MessagingException, java.io.IOException {
		if (part.isMimeType(type) && !jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first link in the body whose path starts with {@code path}, e.g.
	 * "/partners/verify".
	 */
	public static String link(MimeMessage message, String path) {
		Matcher matcher = Pattern.compile("https?://[^\\s]+" + Pattern.quote(path) + "[^\\s]*").matcher(body(message));
		if (!matcher.find()) {
			throw new AssertionError("no " + path + " link in: " + body(message));
		}
		return matcher.group();
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch(a -> a.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

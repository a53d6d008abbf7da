package dev.partnerhub.tracking.domain;

import java.nio.ByteBuffer;

import dev.partnerhub.support.InvalidInputException;

/** Checks uploaded banners by their bytes, never by the declared content type or file name. */
public final class BannerImages {

	public static final int MAX_BYTES = 1024 * 1024;

	private BannerImages() {
	}

	/** A checked image: its real content type and, where the header tells, its size in pixels. */
	public record CheckedImage(byte[] data, String contentType, Integer width, Integer height) {
	}

	public static CheckedImage check(String field, byte[] data) {
		if (data == null || data.length == 0) {
			throw new InvalidInputException(field, "Choose an image file (PNG, JPEG, GIF or WebP).");
		}
		if (data.length > MAX_BYTES) {
			throw new InvalidInputException(field, "The image must be at most 1 MB.");
		}
		if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			Integer w = data.length >= 24 ? ByteBuffer.wrap(data, 16, 4).getInt() : null;
			Integer h = data.length >= 24 ? ByteBuffer.wrap(data, 20, 4).getInt() : null;
			return new CheckedImage(data, "image/png", sane(w), sane(h));
		}
		if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
			return new CheckedImage(data, "image/jpeg", null, null);
		}
		if (startsWith(data, 'G', 'I', 'F', '8') && data.length >= 10 && (data[4] == '7' || data[4] == '9')) {
			int w = (data[6] & 0xFF) | (data[7] & 0xFF) << 8;
			int h = (data[8] & 0xFF) | (data[9] & 0xFF) << 8;
			return new CheckedImage(data, "image/gif", sane(w), sane(h));
		}
		if (data.length >= 12 && startsWith(data, 'R', 'I', 'F', 'F') && data[8] == 'W' && data[9] == 'E'
				&& data[10] == 'B' && data[11] == 'P') {
			return new CheckedImage(data, "image/webp", null, null);
		}
		throw new InvalidInputException(field, "The file is not a PNG, JPEG, GIF or WebP image.");
	}

	private static Integer sane(Integer pixels) {
		return pixels != null && pixels >= 1 && pixels <= 10_000 ? pixels : null;
	}

	private static boolean startsWith(byte[] data, int... magic) {
		if (data.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((data[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

}

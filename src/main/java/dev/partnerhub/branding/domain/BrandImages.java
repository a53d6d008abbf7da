package dev.partnerhub.branding.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The logo and favicon uploads: the format is told by the bytes (never the declared type
 * or file name), the size in pixels is read from the header and checked before anything
 * is decoded (a small PNG can declare a canvas of billions of pixels: a decompression
 * bomb), the image is decoded with ImageIO and written again as PNG. Only the new PNG is
 * stored; whatever else the upload carried (metadata, scripts, data after the image) is
 * gone. PNG, JPEG and GIF (first frame) are accepted; SVG, WebP and anything else are
 * refused.
 */
public final class BrandImages {

	/** Largest upload (both images). */
	public static final int MAX_BYTES = 1024 * 1024;

	/** Largest side of a logo, and its pixels in all (decoded memory stays bounded). */
	public static final int LOGO_MAX_SIDE = 2_000;

	public static final long LOGO_MAX_PIXELS = 2_000_000L;

	/**
	 * Largest side of an uploaded favicon; it is scaled down to {@value #ICON_SIDE} px.
	 */
	public static final int FAVICON_MAX_SIDE = 1_024;

	static final int ICON_SIDE = 256;

	private BrandImages() {
	}

	/** A re-encoded PNG with its size in pixels. */
	public record Png(byte[] data, int width, int height) {
	}

	public static Png logo(String field, byte[] upload) {
		BufferedImage image = decode(field, upload, LOGO_MAX_SIDE, LOGO_MAX_PIXELS);
		return new Png(png(field, image), image.getWidth(), image.getHeight());
	}

	/**
	 * A favicon as an ICO file holding one PNG (every browser reads it, and
	 * {@code /favicon.ico} stays an icon), at most {@value #ICON_SIDE} px a side.
	 */
	public static byte[] favicon(String field, byte[] upload) {
		BufferedImage image = decode(field, upload, FAVICON_MAX_SIDE, (long) FAVICON_MAX_SIDE * FAVICON_MAX_SIDE);
		if (image.getWidth() > ICON_SIDE || image.getHeight() > ICON_SIDE) {
			image = scaled(image, ICON_SIDE);
		}
		return ico(png(field, image), image.getWidth(), image.getHeight());
	}

	private static BufferedImage decode(String field, byte[] data, int maxSide, long maxPixels) {
		if (data.length == 0) {
			throw new InvalidInputException(field, "Choose an image file (PNG, JPEG or GIF).");
		}
		if (data.length > MAX_BYTES) {
			throw new InvalidInputException(field, "The image must be at most 1 MB.");
		}
		String format = format(data);
		if (format == null) {
			throw new InvalidInputException(field, "The file is not a PNG, JPEG or GIF image.");
		}
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + format);
		}
		ImageReader reader = readers.next();
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width < 1 || height < 1 || width > maxSide || height > maxSide || (long) width * height > maxPixels) {
				throw new InvalidInputException(field, "The image is " + width + " × " + height
						+ " pixels: it may be at most " + maxSide + " pixels wide and high"
						+ (maxPixels < (long) maxSide * maxSide ? " and " + maxPixels / 1_000_000 + " megapixels" : "")
						+ ".");
			}
			return reader.read(0);
		}
		catch (InvalidInputException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// malformed input makes ImageIO's decoders throw all sorts of exceptions;
			// each
			// means "not readable"
			throw new InvalidInputException(field, "The image could not be read: it is damaged, or not really a "
					+ "PNG, JPEG or GIF. Save it again as PNG and upload that.");
		}
		finally {
			reader.dispose();
		}
	}

	private static byte[] png(String field, BufferedImage image) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, "png", out)) {
				// a colour model the PNG writer cannot take (rare): plain ARGB always
				// works
				out.reset();
				ImageIO.write(argb(image), "png", out);
			}
			if (out.size() > MAX_BYTES) {
				throw new InvalidInputException(field,
						"The image is larger than 1 MB once converted to PNG: save it smaller.");
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new InvalidInputException(field, "The image could not be converted to PNG.");
		}
	}

	private static BufferedImage scaled(BufferedImage image, int side) {
		double factor = (double) side / Math.max(image.getWidth(), image.getHeight());
		int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
		int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
		BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = copy.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(image, 0, 0, width, height, null);
		g.dispose();
		return copy;
	}

	private static BufferedImage argb(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = copy.createGraphics();
		g.drawImage(image, 0, 0, null);
		g.dispose();
		return copy;
	}

	/** An ICO container with one PNG entry (ICONDIR, ICONDIRENTRY, the PNG). */
	static byte[] ico(byte[] png, int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 22);
		out.writeBytes(new byte[] { 0, 0, 1, 0, 1, 0 });
		out.write(width >= 256 ? 0 : width);
		out.write(height >= 256 ? 0 : height);
		out.write(0); // no palette
		out.write(0); // reserved
		out.writeBytes(new byte[] { 1, 0, 32, 0 }); // planes, bits per pixel
		writeInt(out, png.length);
		writeInt(out, 22); // the PNG starts after the 6 + 16 header bytes
		out.writeBytes(png);
		return out.toByteArray();
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value & 0xFF);
		out.write((value >> 8) & 0xFF);
		out.write((value >> 16) & 0xFF);
		out.write((value >> 24) & 0xFF);
	}

	/** The format the bytes start with, or null. */
	static @Nullable String format(byte[] data) {
		if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return "png";
		}
		if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
			return "jpeg";
		}
		if (startsWith(data, 'G', 'I', 'F', '8') && data.length >= 6 && (data[4] == '7' || data[4] == '9')
				&& data[5] == 'a') {
			return "gif";
		}
		return null;
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

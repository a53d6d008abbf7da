package dev.partnerhub.tracking;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.tracking.domain.BannerImages;
import dev.partnerhub.tracking.domain.BannerImages.CheckedImage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, item 13: banners are decoded and encoded again with ImageIO, and only the new
 * bytes are kept. A GIF header followed by SVG/HTML used to be accepted (its magic number
 * was all that was checked); now it cannot be decoded, so it is refused, and whatever
 * rides along with a real image (trailing data, comments) is dropped.
 */
class BannerImagesTests {

	private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
			+ "<script>alert(document.domain)</script></svg>";

	@Test
	void aGifHeaderFollowedBySvgOrHtmlIsRefusedWithAClearMessage() {
		for (String polyglot : new String[] { "GIF89a" + SVG, "GIF89a\u0001\u0000\u0001\u0000" + SVG,
				"GIF87a/*<html><body><script>alert(1)</script></body></html>*/",
				"GIF89a\u0010\u0000\u0010\u0000\u0000\u0000\u0000<?xml version=\"1.0\"?>" + SVG }) {
			assertThatThrownBy(() -> BannerImages.check("image", polyglot.getBytes(StandardCharsets.ISO_8859_1)))
				.as(polyglot)
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("could not be read")
				.hasMessageContaining("PNG, JPEG or GIF");
		}
		// The same for the other formats' magic numbers followed by markup.
		byte[] png = concat(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, SVG);
		byte[] jpeg = concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, SVG);
		for (byte[] fake : new byte[][] { png, jpeg }) {
			assertThatThrownBy(() -> BannerImages.check("image", fake)).isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("could not be read");
		}
	}

	@Test
	void aValidPngIsStoredAsAFreshlyEncodedPngWithoutWhatFollowedIt() throws IOException {
		byte[] original = png(picture(60, 20));
		CheckedImage plain = BannerImages.check("image", original);
		assertThat(plain.contentType()).isEqualTo("image/png");
		assertThat(plain.width()).isEqualTo(60);
		assertThat(plain.height()).isEqualTo(20);
		assertSamePixels(decode(plain.data()), picture(60, 20));

		// A polyglot: a valid PNG with an HTML page after its end. Accepted (the image is
		// real), but the stored bytes
		// are the re-encoded image only.
		byte[] polyglot = concat(original, "<html><script>alert(1)</script></html>");
		CheckedImage checked = BannerImages.check("image", polyglot);
		assertThat(checked.data()).isNotEqualTo(polyglot);
		assertThat(new String(checked.data(), StandardCharsets.ISO_8859_1)).doesNotContain("<script")
			.doesNotContain("<html");
		assertSamePixels(decode(checked.data()), picture(60, 20));
	}

	@Test
	void aJpegStaysAJpegAndAGifWithAScriptInItsCommentLosesTheComment() throws IOException {
		CheckedImage jpeg = BannerImages.check("image", encode(picture(40, 30), "jpeg"));
		assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
		assertThat(decode(jpeg.data()).getWidth()).isEqualTo(40);
		assertThat(jpeg.data()[0] & 0xFF).isEqualTo(0xFF);

		byte[] gif = gif(new BufferedImage[] { indexed(picture(30, 10)) }, new int[] { 0 }, null,
				"<script>alert(1)</script>");
		assertThat(new String(gif, StandardCharsets.ISO_8859_1)).contains("<script>");
		CheckedImage checked = BannerImages.check("image", concat(gif, SVG));
		assertThat(checked.contentType()).isEqualTo("image/gif");
		assertThat(new String(checked.data(), StandardCharsets.ISO_8859_1)).doesNotContain("<script")
			.doesNotContain("<svg");
		assertSamePixels(decode(checked.data()), decode(gif));
	}

	@Test
	void anAnimatedGifKeepsEveryFrameItsDelaysAndItsLoopCount() throws IOException {
		BufferedImage first = indexed(picture(50, 20));
		BufferedImage second = indexed(flipped(picture(50, 20)));
		byte[] animation = gif(new BufferedImage[] { first, second }, new int[] { 50, 120 }, 3, null);
		CheckedImage checked = BannerImages.check("image", animation);
		assertThat(checked.contentType()).isEqualTo("image/gif");
		assertThat(checked.width()).isEqualTo(50);
		assertThat(checked.height()).isEqualTo(20);

		ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
		reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(checked.data())));
		assertThat(reader.getNumImages(true)).isEqualTo(2);
		assertSamePixels(reader.read(0), first);
		assertSamePixels(reader.read(1), second);
		assertThat(attribute(reader, 0, "GraphicControlExtension", "delayTime")).isEqualTo("50");
		assertThat(attribute(reader, 1, "GraphicControlExtension", "delayTime")).isEqualTo("120");
		IIOMetadataNode netscape = (IIOMetadataNode) child(
				child(reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0"), "ApplicationExtensions"),
				"ApplicationExtension");
		assertThat(netscape.getAttribute("applicationID")).isEqualTo("NETSCAPE");
		assertThat((byte[]) netscape.getUserObject()).containsExactly(1, 3, 0);
	}

	@Test
	void webpSvgHugeCanvasesAndOversizedFilesAreRefused() {
		assertThatThrownBy(
				() -> BannerImages.check("image", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
			.hasMessageContaining("not a PNG, JPEG or GIF");
		assertThatThrownBy(() -> BannerImages.check("image", SVG.getBytes(StandardCharsets.UTF_8)))
			.hasMessageContaining("not a PNG, JPEG or GIF");
		assertThatThrownBy(() -> BannerImages.check("image", new byte[0])).hasMessageContaining("Choose an image");
		assertThatThrownBy(() -> BannerImages.check("image", new byte[BannerImages.MAX_BYTES + 1]))
			.hasMessageContaining("at most 1 MB");
		// A small file that declares a 100,000 × 100,000 canvas is refused before
		// anything is allocated for it.
		byte[] png = png(picture(2, 2));
		ByteBuffer.wrap(png, 16, 8).putInt(100_000).putInt(100_000);
		assertThatThrownBy(() -> BannerImages.check("image", png)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("4000 pixels");
	}

	// --- images made here

	static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x0a58ca));
		g.fillRect(0, 0, width, height);
		g.setColor(new Color(0xffc107));
		g.fillRect(width / 2, height / 4, width / 3, height / 2);
		g.dispose();
		return image;
	}

	static byte[] png(BufferedImage image) {
		return encode(image, "png");
	}

	private static BufferedImage flipped(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = copy.createGraphics();
		g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
		g.dispose();
		return copy;
	}

	private static BufferedImage indexed(BufferedImage image) {
		BufferedImage indexed = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
		Graphics2D g = indexed.createGraphics();
		g.drawImage(image, 0, 0, null);
		g.dispose();
		return indexed;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			assertThat(ImageIO.write(image, format, out)).isTrue();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * A GIF of these frames with these delays (1/100 s), an optional loop count and an
	 * optional comment.
	 */
	private static byte[] gif(BufferedImage[] frames, int[] delays, Integer loops, String comment) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.prepareWriteSequence(null);
			for (int i = 0; i < frames.length; i++) {
				ImageWriteParam param = writer.getDefaultWriteParam();
				IIOMetadata metadata = writer
					.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frames[i]), param);
				IIOMetadataNode root = new IIOMetadataNode("javax_imageio_gif_image_1.0");
				IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
				control.setAttribute("disposalMethod", "none");
				control.setAttribute("userInputFlag", "FALSE");
				control.setAttribute("transparentColorFlag", "FALSE");
				control.setAttribute("delayTime", String.valueOf(delays[i]));
				control.setAttribute("transparentColorIndex", "0");
				root.appendChild(control);
				if (comment != null) {
					IIOMetadataNode comments = new IIOMetadataNode("CommentExtensions");
					IIOMetadataNode text = new IIOMetadataNode("CommentExtension");
					text.setAttribute("value", comment);
					comments.appendChild(text);
					root.appendChild(comments);
				}
				if (loops != null && i == 0) {
					IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
					IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
					netscape.setAttribute("applicationID", "NETSCAPE");
					netscape.setAttribute("authenticationCode", "2.0");
					netscape.setUserObject(new byte[] { 1, (byte) (loops & 0xFF), (byte) (loops >> 8) });
					extensions.appendChild(netscape);
					root.appendChild(extensions);
				}
				metadata.mergeTree("javax_imageio_gif_image_1.0", root);
				writer.writeToSequence(new IIOImage(frames[i], null, metadata), param);
			}
			writer.endWriteSequence();
		}
		return bytes.toByteArray();
	}

	static BufferedImage decode(byte[] data) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
		assertThat(image).as("decodable").isNotNull();
		return image;
	}

	private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
		assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
		assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
		for (int y = 0; y < expected.getHeight(); y++) {
			for (int x = 0; x < expected.getWidth(); x++) {
				assertThat(actual.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y)
					.isEqualTo(expected.getRGB(x, y) & 0xFFFFFF);
			}
		}
	}

	private static String attribute(ImageReader reader, int frame, String node, String name) throws IOException {
		Node found = child(reader.getImageMetadata(frame).getAsTree("javax_imageio_gif_image_1.0"), node);
		return ((IIOMetadataNode) found).getAttribute(name);
	}

	private static Node child(Node parent, String name) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (name.equals(n.getNodeName())) {
				return n;
			}
		}
		throw new AssertionError("No " + name);
	}

	private static byte[] concat(byte[] head, String tail) {
		byte[] more = tail.getBytes(StandardCharsets.UTF_8);
		byte[] all = Arrays.copyOf(head, head.length + more.length);
		System.arraycopy(more, 0, all, head.length, more.length);
		return all;
	}

}

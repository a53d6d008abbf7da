package dev.partnerhub.tracking.domain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Node;

/**
 * Uploaded banners: the format is told by the bytes (never the declared type or file
 * name), the image is decoded with ImageIO and encoded again, and only the new bytes are
 * stored. Whatever else the upload carried — an SVG or HTML document behind a GIF header,
 * data after the image's end, comments, metadata — is not kept; bytes ImageIO cannot
 * decode are refused. PNG stays PNG, JPEG stays JPEG, GIF stays GIF (every frame of an
 * animation with its position, delay and disposal, and the loop count). WebP and SVG are
 * refused (ImageIO cannot decode them).
 */
public final class BannerImages {

	public static final int MAX_BYTES = 1024 * 1024;

	/**
	 * Largest side in pixels: a small file can declare a huge canvas, which decoding
	 * would have to allocate.
	 */
	static final int MAX_SIDE = 4_000;

	/**
	 * Frames of an animated GIF, and the pixels of all of them together (decoded memory
	 * stays bounded).
	 */
	static final int MAX_FRAMES = 300;

	static final long MAX_TOTAL_PIXELS = 40_000_000L;

	private static final String NOT_AN_IMAGE = "The file is not a PNG, JPEG or GIF image.";

	private static final String UNREADABLE = "The image could not be read: it is damaged, or not really a PNG, JPEG "
			+ "or GIF. Save it again as PNG, JPEG or GIF and upload that.";

	private static final String GIF_IMAGE_METADATA = "javax_imageio_gif_image_1.0";

	private static final String GIF_STREAM_METADATA = "javax_imageio_gif_stream_1.0";

	private BannerImages() {
	}

	/**
	 * A re-encoded image: the bytes to store, their content type, and the size in pixels.
	 */
	public record CheckedImage(byte[] data, String contentType, @Nullable Integer width, @Nullable Integer height) {
	}

	public static CheckedImage check(String field, byte[] data) {
		if (data == null || data.length == 0) {
			throw new InvalidInputException(field, "Choose an image file (PNG, JPEG or GIF).");
		}
		if (data.length > MAX_BYTES) {
			throw new InvalidInputException(field, "The image must be at most 1 MB.");
		}
		String format = format(data);
		if (format == null) {
			throw new InvalidInputException(field, NOT_AN_IMAGE);
		}
		CheckedImage image;
		try {
			image = "gif".equals(format) ? reencodeGif(field, data) : reencodeStill(field, format, data);
		}
		catch (InvalidInputException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// malformed input makes ImageIO's decoders throw all sorts of exceptions;
			// each means "not readable"
			throw new InvalidInputException(field, UNREADABLE);
		}
		if (image.data().length > MAX_BYTES) {
			throw new InvalidInputException(field,
					"The image is larger than 1 MB once converted: save it smaller or with fewer colours.");
		}
		return image;
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

	private static CheckedImage reencodeStill(String field, String format, byte[] data) throws IOException {
		ImageReader reader = reader(format);
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
			reader.setInput(in, true, true);
			checkSize(field, reader.getWidth(0), reader.getHeight(0));
			BufferedImage image = reader.read(0);
			byte[] encoded = "jpeg".equals(format) ? jpeg(image) : png(image);
			return new CheckedImage(encoded, "image/" + format, image.getWidth(), image.getHeight());
		}
		finally {
			reader.dispose();
		}
	}

	private static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(image, "png", out)) {
			// a colour model the PNG writer cannot take (rare): plain ARGB always works
			out.reset();
			ImageIO.write(argb(image), "png", out);
		}
		return out.toByteArray();
	}

	private static byte[] jpeg(BufferedImage image) throws IOException {
		BufferedImage rgb = image;
		if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR
				&& image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
			rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			rgb.createGraphics().drawImage(image, 0, 0, null);
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.92f);
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/**
	 * Every frame again, with a metadata tree built from scratch: position, size, delay,
	 * disposal and transparency from the original, and the NETSCAPE2.0 loop count;
	 * comments, plain-text and other application extensions of the upload are left
	 * behind.
	 */
	private static CheckedImage reencodeGif(String field, byte[] data) throws IOException {
		ImageReader reader = reader("gif");
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
			reader.setInput(in, false, false);
			Node stream = reader.getStreamMetadata() == null ? null
					: reader.getStreamMetadata().getAsTree(GIF_STREAM_METADATA);
			int frames = reader.getNumImages(true);
			if (frames < 1) {
				throw new InvalidInputException(field, UNREADABLE);
			}
			if (frames > MAX_FRAMES) {
				throw new InvalidInputException(field, "An animated GIF may have at most " + MAX_FRAMES + " frames.");
			}
			Integer canvasWidth = intAttribute(child(stream, "LogicalScreenDescriptor"), "logicalScreenWidth");
			Integer canvasHeight = intAttribute(child(stream, "LogicalScreenDescriptor"), "logicalScreenHeight");
			long pixels = 0;
			for (int i = 0; i < frames; i++) {
				checkSize(field, reader.getWidth(i), reader.getHeight(i));
				pixels += (long) reader.getWidth(i) * reader.getHeight(i);
			}
			checkSize(field, canvasWidth == null ? 1 : canvasWidth, canvasHeight == null ? 1 : canvasHeight);
			if (pixels > MAX_TOTAL_PIXELS) {
				throw new InvalidInputException(field,
						"The animation is too large: save it with fewer or smaller frames.");
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			int width = 0;
			int height = 0;
			try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
				writer.setOutput(out);
				writer.prepareWriteSequence(streamMetadata(writer, canvasWidth, canvasHeight));
				for (int i = 0; i < frames; i++) {
					BufferedImage frame = reader.read(i);
					Node source = reader.getImageMetadata(i).getAsTree(GIF_IMAGE_METADATA);
					ImageWriteParam param = writer.getDefaultWriteParam();
					IIOMetadata metadata = writer
						.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
					metadata.mergeTree(GIF_IMAGE_METADATA,
							frameTree(source, frame, i == 0 && frames > 1 ? loops(source) : null));
					writer.writeToSequence(new IIOImage(frame, null, metadata), param);
					width = Math.max(width, frame.getWidth());
					height = Math.max(height, frame.getHeight());
				}
				writer.endWriteSequence();
			}
			return new CheckedImage(bytes.toByteArray(), "image/gif", canvasWidth == null ? width : canvasWidth,
					canvasHeight == null ? height : canvasHeight);
		}
		finally {
			reader.dispose();
			writer.dispose();
		}
	}

	private static IIOMetadata streamMetadata(ImageWriter writer, Integer width, Integer height) throws IOException {
		IIOMetadata metadata = writer.getDefaultStreamMetadata(writer.getDefaultWriteParam());
		if (width != null && height != null) {
			IIOMetadataNode root = new IIOMetadataNode(GIF_STREAM_METADATA);
			IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
			screen.setAttribute("logicalScreenWidth", String.valueOf(width));
			screen.setAttribute("logicalScreenHeight", String.valueOf(height));
			screen.setAttribute("colorResolution", "8");
			screen.setAttribute("pixelAspectRatio", "0");
			root.appendChild(screen);
			metadata.mergeTree(GIF_STREAM_METADATA, root);
		}
		return metadata;
	}

	private static IIOMetadataNode frameTree(Node source, BufferedImage frame, Integer loops) {
		IIOMetadataNode root = new IIOMetadataNode(GIF_IMAGE_METADATA);
		Node descriptor = child(source, "ImageDescriptor");
		IIOMetadataNode position = new IIOMetadataNode("ImageDescriptor");
		position.setAttribute("imageLeftPosition",
				String.valueOf(orZero(intAttribute(descriptor, "imageLeftPosition"))));
		position.setAttribute("imageTopPosition", String.valueOf(orZero(intAttribute(descriptor, "imageTopPosition"))));
		position.setAttribute("imageWidth", String.valueOf(frame.getWidth()));
		position.setAttribute("imageHeight", String.valueOf(frame.getHeight()));
		position.setAttribute("interlaceFlag", "FALSE");
		root.appendChild(position);
		Node control = child(source, "GraphicControlExtension");
		if (control != null) {
			IIOMetadataNode timing = new IIOMetadataNode("GraphicControlExtension");
			timing.setAttribute("disposalMethod", attribute(control, "disposalMethod", "none"));
			timing.setAttribute("userInputFlag", "FALSE");
			timing.setAttribute("transparentColorFlag", attribute(control, "transparentColorFlag", "FALSE"));
			timing.setAttribute("delayTime", String.valueOf(orZero(intAttribute(control, "delayTime"))));
			timing.setAttribute("transparentColorIndex",
					String.valueOf(orZero(intAttribute(control, "transparentColorIndex"))));
			root.appendChild(timing);
		}
		if (loops != null) {
			IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
			IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
			netscape.setAttribute("applicationID", "NETSCAPE");
			netscape.setAttribute("authenticationCode", "2.0");
			netscape.setUserObject(new byte[] { 1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF) });
			extensions.appendChild(netscape);
			root.appendChild(extensions);
		}
		return root;
	}

	/**
	 * The loop count of an animation (0 = forever), from its NETSCAPE2.0 extension;
	 * forever when absent.
	 */
	private static Integer loops(Node firstFrame) {
		Node extensions = child(firstFrame, "ApplicationExtensions");
		for (Node n = extensions == null ? null : extensions.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof IIOMetadataNode node && "NETSCAPE".equals(node.getAttribute("applicationID"))
					&& node.getUserObject() instanceof byte[] bytes && bytes.length >= 3 && bytes[0] == 1) {
				return (bytes[1] & 0xFF) | (bytes[2] & 0xFF) << 8;
			}
		}
		return 0;
	}

	private static ImageReader reader(String format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + format);
		}
		return readers.next();
	}

	private static void checkSize(String field, int width, int height) {
		if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
			throw new InvalidInputException(field,
					"The image must be between 1 and " + MAX_SIDE + " pixels wide and high.");
		}
	}

	private static BufferedImage argb(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
		copy.createGraphics().drawImage(image, 0, 0, null);
		return copy;
	}

	private static @Nullable Node child(Node parent, String name) {
		for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (name.equals(n.getNodeName())) {
				return n;
			}
		}
		return null;
	}

	private static String attribute(Node node, String name, String otherwise) {
		Node value = node == null || node.getAttributes() == null ? null : node.getAttributes().getNamedItem(name);
		return value == null ? otherwise : value.getNodeValue();
	}

	private static @Nullable Integer intAttribute(Node node, String name) {
		String value = attribute(node, name, null);
		try {
			return value == null ? null : Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static int orZero(Integer value) {
		return value == null ? 0 : value;
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

package org.studygate.bucket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.studygate.StudygateProperties;
import org.studygate.department.Department;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The letter of a printed reference number (docs/product/05-workflows.md; decision 021),
 * written with Apache PDFBox: the department's name, the code, its validity, the
 * department's login address ({@code STUDYGATE_PUBLIC_URL/patient/{code}}) and
 * instructions for the verification chosen, in the letter's language from the
 * {@code i18n/bucket} bundle. The reason is never printed.
 */
@Component
class Letters {

	private static final float MARGIN = 64;

	private final MessageSource messages;

	private final StudygateProperties properties;

	Letters(MessageSource messages, StudygateProperties properties) {
		this.messages = messages;
		this.properties = properties;
	}

	byte[] letter(Department department, String code, String verification, Instant validUntil, String language) {
		Locale locale = Locale.forLanguageTag(language);
		String lastDay = validUntil == null ? text("bucket.letter.noLimit", locale)
				: DateTimeFormatter.ISO_LOCAL_DATE.format(validUntil.minusSeconds(1).atZone(department.timeZone()));
		String address = properties.publicUrl().replaceAll("/+$", "") + "/patient/" + department.code().value();
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle(text("bucket.letter.title", locale));
			info.setCreator("Studygate");
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
			PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
			float width = page.getMediaBox().getWidth() - 2 * MARGIN;
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				float y = page.getMediaBox().getHeight() - MARGIN;
				y = write(content, bold, 16, department.name(), MARGIN, y, width);
				y -= 18;
				y = write(content, bold, 13, text("bucket.letter.title", locale), MARGIN, y, width);
				y -= 10;
				y = write(content, regular, 11, text("bucket.letter.intro", locale), MARGIN, y, width);
				y -= 14;
				y = write(content, regular, 11, text("bucket.letter.code", locale), MARGIN, y, width);
				y = write(content, mono, 20, code, MARGIN + 12, y - 6, width);
				y -= 14;
				y = write(content, regular, 11, text("bucket.letter.validUntil", locale, lastDay), MARGIN, y, width);
				y -= 8;
				y = write(content, regular, 11, text("bucket.letter.address", locale), MARGIN, y, width);
				y = write(content, bold, 12, address, MARGIN + 12, y - 2, width);
				y -= 14;
				y = write(content, bold, 11, text("bucket.letter.instructions", locale), MARGIN, y, width);
				y = write(content, regular, 11, text("bucket.letter.step1", locale, address), MARGIN, y, width);
				y = write(content, regular, 11, text("bucket.letter.step2", locale), MARGIN, y, width);
				y = write(content, regular, 11, text("bucket.letter.verify." + verification, locale), MARGIN, y, width);
				y -= 14;
				write(content, regular, 10, text("bucket.letter.keep", locale), MARGIN, y, width);
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the letter", ex);
		}
	}

	private String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	/** Writes a paragraph wrapped to the width; answers the baseline below it. */
	private static float write(PDPageContentStream content, PDType1Font font, float size, String text, float x, float y,
			float width) throws IOException {
		float leading = size * 1.35f;
		for (String line : wrap(font, size, printable(font, text), width)) {
			y -= leading;
			content.beginText();
			content.setFont(font, size);
			content.newLineAtOffset(x, y);
			content.showText(line);
			content.endText();
		}
		return y;
	}

	private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
				lines.add(line.toString());
				line = new StringBuilder(word);
			}
			else {
				line = new StringBuilder(candidate);
			}
		}
		lines.add(line.toString());
		return lines;
	}

	/**
	 * Characters the standard font cannot show (outside WinAnsi) become '?', never a
	 * failure.
	 */
	private static String printable(PDType1Font font, String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach(cp -> {
			String c = new String(Character.toChars(cp));
			try {
				font.encode(c);
				out.append(c);
			}
			catch (IOException | IllegalArgumentException ex) {
				out.append('?');
			}
		});
		return out.toString();
	}

}

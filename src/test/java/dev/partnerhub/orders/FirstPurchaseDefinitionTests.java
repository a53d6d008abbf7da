package dev.partnerhub.orders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A contact's first paid-for order" is written once, in orders' view
 * {@code order_first_purchase} (V51): its two readers, the dashboard's customers and the
 * orders list's first=yes, name the view, and no main source spells the rule out again (a
 * not-exists over the orders), so the two figures cannot drift apart. Their agreement on
 * the rule's edges:
 * {@code DashboardTests.customersAndTheFirstPurchasesListAgreeOnTheEdges}.
 */
class FirstPurchaseDefinitionTests {

	private static final Path MAIN = Path.of("src/main/java/dev/partnerhub");

	/** A not-exists subquery over the orders table or its ledger view. */
	private static final Pattern SPELLED_OUT = Pattern
		.compile("(?is)not\\s+exists\\s*\\(\\s*select\\s+[^()]*?\\bfrom\\s+(customer_order|order_ledger)\\b");

	@Test
	void bothReadersUseTheViewAndNoSourceSpellsTheRuleOut() throws IOException {
		assertThat(read("console/DashboardQueries.java")).contains("from order_first_purchase");
		assertThat(read("orders/domain/OrderQueries.java")).contains("\"order_first_purchase\"");
		List<Path> spelledOut;
		try (Stream<Path> files = Files.walk(MAIN)) {
			spelledOut = files.filter(f -> f.toString().endsWith(".java"))
				.filter(f -> SPELLED_OUT.matcher(readUnchecked(f)).find())
				.toList();
		}
		assertThat(spelledOut).as("main sources that write out the first-purchase rule instead of reading the view")
			.isEmpty();
		assertThat(Files.readString(Path.of("src/main/resources/db/migration/V51__orders_first_purchase.sql")))
			.containsPattern(SPELLED_OUT);
	}

	private static String read(String file) throws IOException {
		return Files.readString(MAIN.resolve(file));
	}

	private static String readUnchecked(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

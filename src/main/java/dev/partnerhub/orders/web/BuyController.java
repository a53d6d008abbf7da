package dev.partnerhub.orders.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.partnerhub.orders.domain.Order;
import dev.partnerhub.orders.domain.OrderService;
import dev.partnerhub.orders.domain.PlaceOrder;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.PartnerhubProperties;
import dev.partnerhub.support.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The hosted order form {@code /buy/{sku}}, so a demo (or a small shop) works without an
 * external checkout. It is our own page, so it keeps CSRF. The referral comes from the
 * hidden {@code referral} field (rendered from {@code ?ref=} or the {@code ph_ref}
 * cookie, or filled by {@code /t.js}), else from the cookie at submit time. The form
 * takes no payment and anybody may post it: its orders are stored {@code unpaid}, with no
 * commission, until an admin confirms the payment ({@link OrderService#placeUnpaid},
 * {@link dev.partnerhub.orders.domain.OrderPayments#markPaid}).
 */
@Controller
class BuyController {

	static final String COOKIE = "ph_ref";

	private static final Pattern ORDER_ID = Pattern
		.compile("^web-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	// The same shape /t.js accepts: click tokens and partner codes.
	private static final Pattern REFERRAL = Pattern.compile("^[A-Za-z0-9_-]{1,200}$");

	private static final int ORDERS_PER_MINUTE = 30;

	private final OrderService orders;

	private final ProgramApi programs;

	private final String label;

	// Per-IP fixed one-minute windows, in memory: enough to stop one client flooding
	// orders, not a distributed quota.
	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private record Window(long start, AtomicInteger count) {
	}

	private final Clock clock;

	BuyController(OrderService orders, ProgramApi programs, PartnerhubProperties properties, Clock clock) {
		this.clock = clock;
		this.orders = orders;
		this.programs = programs;
		this.label = properties.orders().buyForm().label();
	}

	/**
	 * The form's label, shown on the form and the thank-you page beside "recorded as
	 * unpaid".
	 */
	@ModelAttribute("paymentLabel")
	String paymentLabel() {
		return this.label;
	}

	@InitBinder("form")
	void allowFields(WebDataBinder binder) {
		binder.setAllowedFields("orderId", "firstName", "lastName", "email", "quantity", "referral");
	}

	@GetMapping("/buy/{sku}")
	String show(@PathVariable String sku, @RequestParam(required = false) @Nullable String ref,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie, Model model,
			HttpServletResponse response) {
		Optional<ProductSummary> product = product(sku);
		if (product.isEmpty()) {
			return notFound(response);
		}
		BuyForm form = new BuyForm();
		form.setOrderId(newOrderId());
		form.setReferral(referral(ref).or(() -> referral(cookie)).orElse(""));
		model.addAttribute("form", form);
		model.addAttribute("product", product.get());
		return "orders/buy";
	}

	@PostMapping("/buy/{sku}")
	String buy(@PathVariable String sku, @ModelAttribute("form") BuyForm form, BindingResult result,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		// Counted first, before any database work, so a flood costs one map update per
		// request.
		boolean allowed = allow(request.getRemoteAddr());
		Optional<ProductSummary> found = product(sku);
		if (found.isEmpty()) {
			return notFound(response);
		}
		ProductSummary product = found.get();
		model.addAttribute("product", product);
		if (!allowed) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			result.reject("tooMany", "Too many orders from your network; try again in a minute.");
			return "orders/buy";
		}
		Integer quantity = validate(form, result);
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "orders/buy";
		}
		String referral = referral(form.getReferral()).or(() -> referral(cookie)).orElse(null);
		PlaceOrder command = new PlaceOrder(form.getOrderId(), form.getEmail().strip(),
				blankToNull(form.getFirstName()), blankToNull(form.getLastName()), referral, null, product.currency(),
				false, List.of(new PlaceOrder.Item(product.sku(), quantity, product.price())));
		try {
			OrderService.Placed placed = this.orders.placeUnpaid(command);
			// Post/redirect/get: a reload of the thank-you page never re-posts the form.
			return "redirect:" + UriComponentsBuilder.fromPath("/buy/{sku}/thanks")
				.queryParam("order", placed.orderId())
				.buildAndExpand(product.sku())
				.encode()
				.toUriString();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			String field = switch (ex.field() == null ? "" : ex.field()) {
				case "email", "firstName", "lastName" -> ex.field();
				default -> null;
			};
			if (field != null) {
				result.rejectValue(field, "invalid", ex.getMessage());
			}
			else {
				result.reject("invalid", ex.getMessage());
			}
			return "orders/buy";
		}
		catch (UnprocessableException ex) {
			// The product's currency needs an exchange rate no one stored for today: say
			// so, never a 500.
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			result.reject("unprocessable", "This product cannot be ordered right now. Please try again later.");
			return "orders/buy";
		}
		catch (ConflictException ex) {
			// The same form was already submitted with other details (or e-mail taken in
			// a race): start a fresh order.
			response.setStatus(HttpStatus.CONFLICT.value());
			form.setOrderId(newOrderId());
			result.reject("conflict",
					"This form was already submitted with other details. Check them and submit again.");
			return "orders/buy";
		}
	}

	@GetMapping("/buy/{sku}/thanks")
	String thanks(@PathVariable String sku, @RequestParam(defaultValue = "") String order, Model model,
			HttpServletResponse response) {
		// Only orders of this form: API orders (other shops' ids) are never shown on a
		// public page.
		if (!ORDER_ID.matcher(order).matches()) {
			return notFound(response);
		}
		Order placed;
		try {
			placed = this.orders.details(order).order();
		}
		catch (NotFoundException ex) {
			return notFound(response);
		}
		Order.Item item = placed.items().get(0);
		model.addAttribute("orderId", placed.orderId());
		model.addAttribute("product", this.programs.findProduct(item.productId()).orElse(null));
		model.addAttribute("quantity", item.quantity());
		model.addAttribute("total", placed.total());
		model.addAttribute("currency", placed.currency());
		model.addAttribute("unpaid", "unpaid".equals(placed.status()));
		return "orders/buy-thanks";
	}

	private Optional<ProductSummary> product(String sku) {
		// the placeholder product of imported commissions (price 0) is not for sale
		if (sku.length() > 64 || sku.strip().equalsIgnoreCase(dev.partnerhub.orders.OrderApi.IMPORTED_SKU)) {
			return Optional.empty();
		}
		return this.programs.findProductBySku(sku.strip());
	}

	private static String notFound(HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		return "orders/buy-not-found";
	}

	/** Checks the fields; returns the quantity (null when invalid). */
	private static Integer validate(BuyForm form, BindingResult result) {
		if (!ORDER_ID.matcher(form.getOrderId()).matches()) {
			form.setOrderId(newOrderId());
			result.reject("orderId", "The form expired. Check your details and submit again.");
		}
		if (form.getFirstName().strip().isEmpty()) {
			result.rejectValue("firstName", "required", "Enter your first name.");
		}
		else if (form.getFirstName().strip().length() > 100) {
			result.rejectValue("firstName", "size", "First name is at most 100 characters.");
		}
		if (form.getLastName().strip().length() > 100) {
			result.rejectValue("lastName", "size", "Last name is at most 100 characters.");
		}
		String email = form.getEmail().strip();
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			result.rejectValue("email", "invalid", "Enter a valid e-mail address, such as name@example.com.");
		}
		Integer quantity = null;
		try {
			int parsed = Integer.parseInt(form.getQuantity().strip());
			if (parsed >= 1 && parsed <= 99) {
				quantity = parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		if (quantity == null) {
			result.rejectValue("quantity", "range", "Quantity must be a whole number from 1 to 99.");
		}
		if (!form.getReferral().isEmpty() && referral(form.getReferral()).isEmpty()) {
			form.setReferral(""); // a mangled referral is dropped, not an error the buyer
									// could fix
		}
		return quantity;
	}

	private static Optional<String> referral(String value) {
		return value == null || !REFERRAL.matcher(value.strip()).matches() ? Optional.empty()
				: Optional.of(value.strip());
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value.strip();
	}

	private static String newOrderId() {
		return "web-" + UUID.randomUUID();
	}

	/**
	 * Counts the request and says whether it is within the limit. The count is taken
	 * inside the map's atomic compute, together with the window's reset, so parallel
	 * requests can never slip past in a window that is being replaced.
	 */
	private boolean allow(String ip) {
		long now = this.clock.millis();
		if (this.windows.size() > 100_000) {
			this.windows.clear();
		}
		int[] count = new int[1];
		this.windows.compute(ip, (k, current) -> {
			Window window = current == null || now - current.start() >= 60_000 ? new Window(now, new AtomicInteger())
					: current;
			count[0] = window.count().incrementAndGet();
			return window;
		});
		return count[0] <= ORDERS_PER_MINUTE;
	}

}

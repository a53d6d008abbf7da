package dev.partnerhub.programs.web;

import java.io.Writer;
import java.util.List;
import java.util.Set;

import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console pages for the product catalogue: a searchable, sortable list, its CSV export,
 * and the product form.
 */
@ErrorPages(nav = "products", back = "/admin/products", backLabel = "Back to products")
@Controller
class ProductController {

	private static final Set<String> SORTABLE = Set.of("sku", "name", "price");

	private static final int PAGE_SIZE = 25;

	private final ProgramService programs;

	ProductController(ProgramService programs) {
		this.programs = programs;
	}

	@InitBinder("product")
	void initBinder(WebDataBinder binder) {
		FormSupport.configure(binder);
	}

	@GetMapping("/admin/products")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "name,asc") String sort, HttpServletRequest request, Model model) {
		Page<ProductSummary> products = this.programs.findProducts(q,
				PageRequest.of(Math.max(page, 0), PAGE_SIZE, sort(sort)));
		model.addAttribute("products", products);
		model.addAttribute("links", PageLinks.of(products, ServletUriComponentsBuilder.fromRequest(request)));
		model.addAttribute("q", q);
		return "programs/products";
	}

	/**
	 * The whole (filtered, sorted) list, page by page so a big catalogue is not loaded at
	 * once.
	 */
	@GetMapping("/admin/products.csv")
	void csv(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "name,asc") String sort,
			HttpServletResponse response) {
		Writer out = Csv.download(response, "products.csv", List.of("sku", "name", "price", "currency"));
		Page<ProductSummary> page = this.programs.findProducts(q, PageRequest.of(0, 500, sort(sort)));
		while (true) {
			page.forEach(
					p -> Csv.writeRow(out, List.of(p.sku(), p.name(), Rates.formatMoney(p.price()), p.currency())));
			if (!page.hasNext()) {
				break;
			}
			page = this.programs.findProducts(q, page.nextPageable());
		}
	}

	@GetMapping("/admin/products/new")
	String newForm(Model model) {
		ProductForm form = new ProductForm();
		form.setCurrency(this.programs.settings().defaultCurrency());
		model.addAttribute("product", form);
		return "programs/product-form";
	}

	@PostMapping("/admin/products/new")
	String create(@Valid @ModelAttribute("product") ProductForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "programs/product-form";
		}
		try {
			ProductSummary created = this.programs.createProduct(form.getSku(), form.getName(), form.getPrice(),
					form.getCurrency(), form.getStripePriceId());
			redirect.addFlashAttribute("message", "Product " + created.sku() + " created.");
			return "redirect:/admin/products";
		}
		catch (InvalidInputException ex) {
			FormSupport.reject(result, ex.field(), ex.getMessage());
		}
		catch (ConflictException ex) {
			FormSupport.reject(result, ex.field(), ex.getMessage());
		}
		return "programs/product-form";
	}

	@GetMapping("/admin/products/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("product", ProductForm.of(find(id)));
		model.addAttribute("productId", id);
		return "programs/product-form";
	}

	@PostMapping("/admin/products/{id}/edit")
	String update(@PathVariable long id, @Valid @ModelAttribute("product") ProductForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		find(id);
		model.addAttribute("productId", id);
		if (result.hasErrors()) {
			return "programs/product-form";
		}
		try {
			ProductSummary updated = this.programs.updateProduct(id, form.getSku(), form.getName(), form.getPrice(),
					form.getCurrency(), form.getStripePriceId());
			redirect.addFlashAttribute("message", "Product " + updated.sku() + " saved.");
			return "redirect:/admin/products";
		}
		catch (InvalidInputException ex) {
			FormSupport.reject(result, ex.field(), ex.getMessage());
		}
		catch (ConflictException ex) {
			FormSupport.reject(result, ex.field(), ex.getMessage());
		}
		return "programs/product-form";
	}

	private ProductSummary find(long id) {
		return this.programs.findProduct(id).orElseThrow(() -> new NotFoundException("No product " + id));
	}

	/**
	 * "price,desc" → a Sort on a whitelisted column (anything else sorts by name); SKU
	 * breaks ties.
	 */
	private static Sort sort(String param) {
		String[] parts = param.split(",", 2);
		String property = SORTABLE.contains(parts[0]) ? parts[0] : "name";
		Sort.Direction direction = parts.length > 1 && "desc".equalsIgnoreCase(parts[1]) ? Sort.Direction.DESC
				: Sort.Direction.ASC;
		Sort sort = Sort.by(direction, property);
		return "sku".equals(property) ? sort : sort.and(Sort.by("sku"));
	}

}

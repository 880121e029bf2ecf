package dev.orderflow.order.web;

import java.util.List;

/** A page of orders, newest first. */
public record OrderPageResponse(List<OrderResponse> content, int page, int size, long totalElements, long totalPages) {
}
